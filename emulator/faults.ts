/** Per-operation fault injection for tests of retry and error paths. */
export interface Fault {
  error?: 'TooManyRequestsException' | 'InternalErrorException';
  latencyMs?: number;
  /** Destroys the connection without a response. */
  drop?: boolean;
  /** How many calls it affects; forever when omitted. */
  times?: number;
}

export class Faults {
  private readonly byOperation = new Map<string, Fault>();

  constructor(private readonly known: ReadonlySet<string>) {}

  set(operation: string, fault: Fault): void {
    if (!this.known.has(operation))
      throw new Error(
        `no operation named ${operation}; faults apply to operations such as InitiateAuth`,
      );
    if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) {
      throw new Error(`fault.times must be a positive integer, got ${fault.times}`);
    }
    this.byOperation.set(operation, { ...fault });
  }

  clear(operation?: string): void {
    if (operation === undefined) this.byOperation.clear();
    else this.byOperation.delete(operation);
  }

  /** The fault for this call, counting it against `times`. */
  take(operation: string): Fault | undefined {
    const fault = this.byOperation.get(operation);
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times === 0) this.byOperation.delete(operation);
    }
    return fault;
  }
}
