import { IllegalTransitionError } from './errors';

/**
 * A state machine as data: for each state, the transitions it accepts and the
 * state each one leads to. A pair missing from the table is illegal.
 */
export type TransitionTable<S extends string, T extends string> = Readonly<
  Record<S, Readonly<Partial<Record<T, S>>>>
>;

/** The next state for (state, transition), or undefined when the table has no such entry. */
export function lookupTransition<S extends string, T extends string>(
  table: TransitionTable<S, T>,
  from: S,
  transition: T,
): S | undefined {
  return table[from][transition];
}

/** Every state from which `transition` is legal, in the table's order. */
export function statesAllowing<S extends string, T extends string>(
  table: TransitionTable<S, T>,
  transition: T,
): S[] {
  return (Object.keys(table) as S[]).filter((state) => table[state][transition] !== undefined);
}

export interface RefusalParams<S extends string, T extends string> {
  machine: string;
  table: TransitionTable<S, T>;
  from: S;
  transition: T;
  /** Why the state refuses the move, phrased to follow "a store in state X …". */
  stateNote: string;
  entityId?: string;
}

/** The error for a (state, transition) pair the table does not contain. */
export function tableRefusal<S extends string, T extends string>(
  params: RefusalParams<S, T>,
): IllegalTransitionError {
  const { machine, table, from, transition, stateNote, entityId } = params;
  const allowedFrom = statesAllowing(table, transition);
  const subject = entityId === undefined ? machine : `${machine} ${entityId}`;
  const message =
    `Illegal ${machine} transition "${transition}" from state "${from}" (${subject}): ` +
    `"${transition}" is allowed only from ${formatStates(allowedFrom)}, and a ${machine} in state "${from}" ${stateNote}. ` +
    `When the request may be a duplicate or arrive out of order, check the transition first and skip it.`;
  return new IllegalTransitionError({ machine, from, transition, allowedFrom, entityId }, message);
}

export interface RuleRefusalParams<S extends string, T extends string> {
  machine: string;
  table: TransitionTable<S, T>;
  from: S;
  transition: T;
  rule: string;
  /** The full explanation: what the rule says and what to do instead. */
  explanation: string;
  entityId?: string;
}

/** The error for a move the table allows but a business rule refuses. */
export function ruleRefusal<S extends string, T extends string>(
  params: RuleRefusalParams<S, T>,
): IllegalTransitionError {
  const { machine, table, from, transition, rule, explanation, entityId } = params;
  const subject = entityId === undefined ? machine : `${machine} ${entityId}`;
  const message = `Illegal ${machine} transition "${transition}" from state "${from}" (${subject}): ${explanation}`;
  return new IllegalTransitionError(
    { machine, from, transition, allowedFrom: statesAllowing(table, transition), entityId, rule },
    message,
  );
}

function formatStates(states: readonly string[]): string {
  return states.length === 0 ? 'no state' : states.map((s) => `"${s}"`).join(', ');
}
