import { AppError } from '../../shared/domain/errors'
import type { Store } from '../store'

// Recorded when no operator name is set yet, so that imports and edits are never left unattributed silently.
const UNNAMED = 'unnamed'

/** The operator to record for routine actions. */
export function currentOperator(store: Store): string {
  return store.settings.get().operatorName || UNNAMED
}

/** The operator to record for a decision: approving or rejecting needs a real name. */
export function namedOperator(store: Store): string {
  const name = store.settings.get().operatorName
  if (!name) throw new AppError('INVALID_REQUEST', 'set the operator name in the settings before approving or rejecting')
  return name
}
