/** How long passports run: what ties an issue date, which no MRZ carries, to the expiry date it checks. */

/** Years a passport is issued for (adults, minors): it expires on the day before that anniversary, or on it. */
const VALIDITY_YEARS = [10, 5]

/** Does a passport issued on `issue` expire on `expiry` (YYYY.MM.DD both)? */
export function validFor(issue: string, expiry: string): boolean {
  const [y, m, d] = issue.split('.').map(Number)
  if (!y || !expiry) return false
  return VALIDITY_YEARS.some((n) => {
    const anniversary = new Date(Date.UTC(y + n, m - 1, d))
    const dayBefore = new Date(anniversary.getTime() - 86_400_000)
    return [anniversary, dayBefore].some((t) => t.toISOString().slice(0, 10).replace(/-/g, '.') === expiry)
  })
}

/** Could a passport issued on `issue` still run on `expiry`: issued before it, and no longer ago than its longest validity? */
export function withinValidity(issue: string, expiry: string): boolean {
  const [y, m, d] = expiry.split('.').map(Number)
  const earliest = new Date(Date.UTC(y - Math.max(...VALIDITY_YEARS), m - 1, d - 1)).toISOString().slice(0, 10).replace(/-/g, '.')
  return issue < expiry && issue >= earliest
}
