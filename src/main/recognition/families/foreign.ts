/** Passports of any other state: ICAO 9303 and nothing else, so nothing is assumed that the page did not print. */

import type { FamilyRules } from './family'
import { GENERAL_TD3 } from '../mrz/template'

export const FOREIGN: FamilyRules = { family: 'foreign', prior: { template: GENERAL_TD3 }, spelling: null, page: null }
