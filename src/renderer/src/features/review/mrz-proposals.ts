import type { MrzCorrectionReport } from '../../../../shared/domain/response'

/** What the operator said of one engine correction: nothing yet, kept, or put back to what was read. */
export type ProposalDecision = 'pending' | 'accepted' | 'undone'

/** Only a character replaced by another can be put back alone; an insertion or a drop moves every later position. */
export function canUndo(c: MrzCorrectionReport): boolean {
  return [...c.read].length === 1 && [...c.corrected].length === 1
}

/** The engine's line with the undone corrections put back to what was read. */
export function lineWithDecisions(
  engineLine: string,
  corrections: readonly MrzCorrectionReport[],
  decisions: readonly ProposalDecision[]
): string {
  const chars = [...engineLine]
  corrections.forEach((c, i) => {
    if (decisions[i] === 'undone' && canUndo(c) && chars[c.position] === c.corrected) chars[c.position] = c.read
  })
  return chars.join('')
}

/** The proposal F2 and F4 act on: the first still pending, or the last one when all are decided. */
export function currentProposal(decisions: readonly ProposalDecision[]): number | null {
  if (decisions.length === 0) return null
  const pending = decisions.indexOf('pending')
  return pending >= 0 ? pending : decisions.length - 1
}
