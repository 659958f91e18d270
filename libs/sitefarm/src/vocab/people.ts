// Person names for staff, officials, instructors and reviewers.
import type { Rng } from '../prng';

export const FIRST_NAMES = [
  'Dana', 'Marcus', 'Elena', 'Tomás', 'Priya', 'Wendell', 'Keiko', 'Harold', 'Lucia', 'Darnell', 'Ingrid', 'Rafael', 'Monique', 'Gideon', 'Theresa',
  'Bashir', 'Colleen', 'Ezra', 'Yolanda', 'Arjun', 'Francine', 'Silas', 'Mei', 'Otis', 'Rosalind', 'Julian', 'Nadia', 'Curtis', 'Imogen', 'Dwayne',
  'Camille', 'Lionel', 'Greta', 'Emmett', 'Soledad', 'Victor', 'Bernadette', 'Hollis', 'Anika', 'Clifford', 'Marisol', 'Reuben', 'Joanna', 'Desmond',
  'Patrice', 'Wyatt', 'Lorraine', 'Kofi', 'Abigail', 'Russell',
];
export const LAST_NAMES = [
  'Whitfield', 'Okafor', 'Delgado', 'Lindqvist', 'Harrington', 'Nakamura', 'Pruitt', 'Castellanos', 'McAllister', 'Brannigan', 'Oyelaran', 'Sorensen',
  'Beaumont', 'Tran', 'Gallagher', 'Iverson', 'Abernathy', 'Fontaine', 'Kowalczyk', 'Raines', 'Templeton', 'Vasquez', 'Hollister', 'Achebe', 'Morrow',
  'Petrakis', 'Lindley', 'Quintero', 'Stroud', 'Yamamoto', 'Calloway', 'Dubois', 'Eckert', 'Fairbanks', 'Granger', 'Hutchins', 'Jaramillo', 'Kessler',
  'Lockhart', 'Mendoza', 'Northcutt', 'Osei', 'Pemberton', 'Ridley', 'Sandoval', 'Thackeray', 'Underwood', 'Vance', 'Winslow', 'Zielinski',
];

/** Distinct full names ("First Last"), optionally with a middle initial for officials. */
export function drawPeople(rng: Rng, count: number, middleInitial = false): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  while (out.length < count) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    if (used.has(last)) continue;
    used.add(last);
    const middle = middleInitial && rng.chance(0.5) ? ` ${String.fromCharCode(65 + rng.int(0, 25))}.` : '';
    out.push(`${first}${middle} ${last}`);
  }
  return out;
}
