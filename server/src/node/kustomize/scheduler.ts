// Kustomize builds for the language server: in the background, each root re-built only when a file its build
// reads changed on disk (fingerprints), debounced, one run at a time. Builds read saved files: an unsaved edit is
// checked against the last build until it is saved (the core maps that build's findings onto the edited text).
import * as path from 'node:path';
import type { KustomizeRoot, LanguageService } from '../../languageService';
import { buildRoots } from './buildRoots';
import { fingerprintInputs } from './inputs';
import { detectKustomize, type KustomizeTool } from './tool';

export interface BuildSchedulerHost {
  readonly service: () => LanguageService;
  readonly log: (message: string) => void;
  /** Once per server: there are kustomizations, and they are not being built (and why). */
  readonly unavailable: (reason: string) => void;
  /** Progress of a run that builds something: `done` of `total` roots. */
  readonly progress?: (done: number, total: number) => void;
  /** Results were handed to the service: re-validate. */
  readonly built: (roots: readonly KustomizeRoot[]) => void | Promise<void>;
}

export interface RunSummary {
  readonly mode: 'builds' | 'files';
  readonly built: number;
  readonly failed: number;
}

export class BuildScheduler {
  private tool: { readonly command: string; readonly found: KustomizeTool | undefined; readonly reason: string } | undefined;
  private readonly fingerprints = new Map<string, string>();
  private known = new Set<string>();
  private running: Promise<RunSummary> | undefined;
  private rerun = false;
  private timer: NodeJS.Timeout | undefined;
  private toldUnavailable = false;
  private inputs = new Set<string>();
  private loggedReason: string | undefined;

  constructor(private readonly host: BuildSchedulerHost) {}

  /** Whether a changed path can change a build (an input of some root, or a kustomization file). */
  affects(filePath: string): boolean {
    const name = path.basename(filePath);
    return this.inputs.has(path.resolve(filePath)) || name === 'kustomization.yaml' || name === 'kustomization.yml' || name === 'Kustomization';
  }

  /** Runs soon, once, however many changes arrive meanwhile (a save, a branch switch). */
  schedule(delayMs = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run().catch((error) => this.host.log(`[error] kustomize builds failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));
    }, delayMs);
  }

  /** Builds every root whose inputs changed since its last build; one run at a time, a request meanwhile runs after. */
  run(): Promise<RunSummary> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.rerun) {
        this.rerun = false;
        this.schedule(0);
      }
    });
    return this.running;
  }

  private async runOnce(): Promise<RunSummary> {
    const service = this.host.service();
    const settings = service.settings.kustomize;
    const roots = service.kustomizeRoots();
    this.inputs = new Set(roots.flatMap((r) => r.inputs.map((p) => path.resolve(p))));
    for (const gone of [...this.known].filter((uri) => !roots.some((r) => r.uri === uri))) {
      service.setBuild(gone, undefined);
      this.fingerprints.delete(gone);
    }
    this.known = new Set(roots.map((r) => r.uri));
    if (roots.length === 0) return { mode: 'files', built: 0, failed: 0 };
    const tool = settings.builds === 'off' ? undefined : await this.detect(settings.command);
    if (!tool) {
      service.setKustomizeMode('files');
      const reason = settings.builds === 'off' ? 'Kustomize builds are off: gatewayTls.kustomize.builds is "off".' : this.tool!.reason;
      if (reason !== this.loggedReason) this.host.log(`kustomize: ${reason}`);
      this.loggedReason = reason;
      if (!this.toldUnavailable && settings.builds !== 'off') {
        this.toldUnavailable = true;
        this.host.unavailable(reason);
      }
      this.fingerprints.clear();
      await this.host.built(roots);
      return { mode: 'files', built: 0, failed: 0 };
    }
    service.setKustomizeMode('builds');
    this.loggedReason = undefined;
    const stale: { root: KustomizeRoot; fingerprint: string }[] = [];
    for (const root of roots) {
      const fingerprint = `${tool.label}|${settings.timeoutSeconds}|${fingerprintInputs(root.inputs)}`;
      if (this.fingerprints.get(root.uri) !== fingerprint || service.buildOf(root.uri).state === 'pending') stale.push({ root, fingerprint });
    }
    if (stale.length === 0) return { mode: 'builds', built: 0, failed: 0 };
    const started = Date.now();
    this.host.progress?.(0, stale.length);
    const result = await buildRoots(service, tool, {
      roots: stale.map((s) => s.root),
      limits: { timeoutMs: settings.timeoutSeconds * 1000 },
      onBuilt: (root, done, total) => {
        const outcome = service.buildOf(root.uri);
        this.host.log(outcome.state === 'failed' ? `kustomize: ${root.dir} failed: ${outcome.message}` : `kustomize: built ${root.dir} in ${outcome.state === 'built' ? outcome.ms : '?'} ms`);
        this.host.progress?.(done, total);
      },
    });
    // A file that changed during the build has another fingerprint now: the next run builds that root again.
    for (const { root, fingerprint } of stale) this.fingerprints.set(root.uri, fingerprint);
    this.host.log(`kustomize: ${result.built} built, ${result.failed.length} failed in ${Date.now() - started} ms (${tool.label})`);
    await this.host.built(stale.map((s) => s.root));
    return { mode: 'builds', built: result.built, failed: result.failed.length };
  }

  private async detect(command: string): Promise<KustomizeTool | undefined> {
    if (this.tool?.command !== command) {
      const detection = await detectKustomize(command || undefined);
      this.tool = detection.found ? { command, found: detection.tool, reason: '' } : { command, found: undefined, reason: detection.reason };
      this.fingerprints.clear();
      if (detection.found) this.host.log(`kustomize builds with ${detection.tool.label}`);
    }
    return this.tool.found;
  }
}
