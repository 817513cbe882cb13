/** The engine's version, reported in `algo_version`; bump when recognition behaviour changes. */
export const version = 'prw-engine-0.2.0'
