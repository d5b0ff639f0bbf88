export interface HoneypotInputProps {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/**
 * A text input people never see or reach (moved off-screen, out of the tab order, hidden from screen readers) but
 * that form-filling bots complete; the server answers a filled one like a success and stores nothing.
 */
export function HoneypotInput({ name, label, value, onChange }: HoneypotInputProps) {
  return (
    <div className="lf-hp" aria-hidden="true">
      <label>
        {label}
        <input
          type="text"
          name={name}
          value={value}
          tabIndex={-1}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
    </div>
  );
}
