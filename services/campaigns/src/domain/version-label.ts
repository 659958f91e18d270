// Instruction version labels: "1.0" first, then the next minor ("1.1") by default, or the next
// major ("2.0") on request. The number (major * 1000 + minor) sorts versions.
import { ValidationError } from '@fieldwork/contracts';
import type { VersionFacts } from './campaign.state';

export type VersionBump = 'minor' | 'major';

export const MAX_MINOR = 999;

export interface VersionLabel {
  major: number;
  minor: number;
  label: string;
  number: number;
}

export function versionLabel(major: number, minor: number): VersionLabel {
  return { major, minor, label: `${major}.${minor}`, number: major * 1000 + minor };
}

export function nextVersionLabel(existing: readonly VersionFacts[], bump: VersionBump = 'minor'): VersionLabel {
  if (existing.length === 0) return versionLabel(1, 0);
  const latest = existing.reduce((a, b) => (b.number > a.number ? b : a));
  const major = Math.floor(latest.number / 1000);
  const minor = latest.number % 1000;
  if (bump === 'major') return versionLabel(major + 1, 0);
  if (minor >= MAX_MINOR) {
    throw ValidationError.single('bump', `version ${latest.label} is the last minor version of ${major}.x; ask for a "major" bump`);
  }
  return versionLabel(major, minor + 1);
}
