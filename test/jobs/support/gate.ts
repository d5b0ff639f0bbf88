/** A promise a test opens when it chooses: holds a handler mid-flight without sleeping. */
export interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

export function aGate(): Gate {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Resolves when `count()` reaches `target`, checked each time `notify` is called. */
export function aCounter(target: number): { readonly reached: Promise<void>; bump(): number } {
  let n = 0;
  const gate = aGate();
  return {
    reached: gate.opened,
    bump() {
      n += 1;
      if (n >= target) gate.open();
      return n;
    },
  };
}
