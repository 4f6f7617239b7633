// Time-dependent certificate checks: expired, not yet valid, expiring soon. Kept apart from parsing so parse
// results can be cached while these run against the current clock.
import type { CertificateInfo } from './certificate';

export type ValidityCode = 'certificate-expired' | 'certificate-not-yet-valid' | 'certificate-expiring';

export interface ValidityProblem {
  readonly code: ValidityCode;
  readonly message: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** Whole days from `now` until `date` (negative once past), counted towards zero: "in 9 days", "3 days ago". */
export function daysUntil(date: Date, now: Date): number {
  return Math.trunc((date.getTime() - now.getTime()) / DAY);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export type ValidityStatus = 'ok' | 'expiring' | 'expired' | 'not-yet-valid';

/** Where a certificate stands at `now`: the one classification behind the findings and the TLS map's colours. */
export function validityStatus(cert: CertificateInfo, now: Date, warningDays: number): ValidityStatus {
  if (cert.notAfter.getTime() < now.getTime()) return 'expired';
  if (cert.notBefore.getTime() > now.getTime()) return 'not-yet-valid';
  if (cert.notAfter.getTime() - now.getTime() < warningDays * DAY) return 'expiring';
  return 'ok';
}

/** Problems of a chain at `now`: the leaf is named "the certificate", other members by position and subject. */
export function validityProblems(chain: readonly CertificateInfo[], now: Date, warningDays: number): ValidityProblem[] {
  const problems: ValidityProblem[] = [];
  chain.forEach((cert, i) => {
    const who = i === 0 ? 'the certificate' : `chain member ${i + 1} (${cert.subject})`;
    const status = validityStatus(cert, now, warningDays);
    if (status === 'expired') {
      problems.push({ code: 'certificate-expired', message: `${who} expired on ${isoDate(cert.notAfter)} (${-daysUntil(cert.notAfter, now)} days ago)` });
    } else if (status === 'not-yet-valid') {
      problems.push({ code: 'certificate-not-yet-valid', message: `${who} is not valid before ${isoDate(cert.notBefore)}` });
    } else if (i === 0 && status === 'expiring') {
      problems.push({ code: 'certificate-expiring', message: `${who} expires on ${isoDate(cert.notAfter)}, in ${daysUntil(cert.notAfter, now)} days` });
    }
  });
  return problems;
}
