// The TLS map for the CLI: locations become `file` (relative to the working directory) with 1-based `line` and
// `column`, as in `check`'s JSON, so a script can join the two; `version` is the contract's.
import type { Location } from 'vscode-languageserver-types';
import type { ExpiryEntry, MapCertificate, MapGateway, MapListener, MapProblem, MapRoute, TlsMap } from '../services/tlsMap';

export interface ReportedPlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

type Placed<T> = Omit<T, 'location' | 'refLocation' | 'problems'> & { location: ReportedPlace | null; problems: ReportedProblem[] };
export type ReportedProblem = Omit<MapProblem, 'location'> & ReportedPlace;
export type ReportedCertificate = Placed<MapCertificate> & { ref: ReportedPlace | null };
export type ReportedRoute = Placed<MapRoute>;
export type ReportedListener = Omit<Placed<MapListener>, 'certificates' | 'routes'> & { certificates: ReportedCertificate[]; routes: ReportedRoute[] };
export type ReportedGateway = Omit<Placed<MapGateway>, 'listeners'> & { listeners: ReportedListener[] };

export interface ReportedTlsMap {
  readonly version: 1;
  readonly gateways: readonly ReportedGateway[];
}

/** `fileOf` turns a location's URI into the path shown (relative, forward slashes). */
export function toReportedMap(map: TlsMap, fileOf: (uri: string) => string): ReportedTlsMap {
  const place = (l: Location | undefined): ReportedPlace | null => (l ? { file: fileOf(l.uri), line: l.range.start.line + 1, column: l.range.start.character + 1 } : null);
  const problems = (ps: readonly MapProblem[]): ReportedProblem[] => ps.map(({ location, ...p }) => ({ ...p, ...place(location)! }));
  return {
    version: 1,
    gateways: map.gateways.map(({ location, problems: ps, listeners, ...g }) => ({
      ...g,
      location: place(location),
      problems: problems(ps),
      listeners: listeners.map(({ location: ll, problems: lp, certificates, routes, ...l }) => ({
        ...l,
        location: place(ll),
        problems: problems(lp),
        certificates: certificates.map(({ location: cl, refLocation, problems: cp, ...c }) => ({ ...c, location: place(cl), ref: place(refLocation), problems: problems(cp) })),
        routes: routes.map(({ location: rl, problems: rp, ...r }) => ({ ...r, location: place(rl), problems: problems(rp) })),
      })),
    })),
  };
}

export function formatMapJson(map: ReportedTlsMap): string {
  return `${JSON.stringify(map, null, 2)}\n`;
}

export type ReportedExpiry = Omit<ExpiryEntry, 'location'> & { location: ReportedPlace | null };
