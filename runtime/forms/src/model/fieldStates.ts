/** Which fields are visible and which required for the answers given so far. */
export interface FieldStates {
  readonly visible: (field: string) => boolean;
  readonly required: (field: string) => boolean;
}
