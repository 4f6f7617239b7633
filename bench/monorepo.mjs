// Generates a realistic GitOps monorepo of exactly N YAML files (~3 KB each on average), deterministically (the same
// N gives the same files byte for byte, given the certificate cached in bench/.work/cert/): the workload of
// `node bench/run.mjs --monorepo 1000,10000,50000`.
//
//   node bench/monorepo.mjs --files 10000 [--out bench/.work/monorepo-10000] [--force]
//
// Layout (of N files, ~2% Gateway API, the rest the ordinary noise of a Kubernetes repository):
//   apps/<app>/deployment.yaml, service.yaml, configmap.yaml, kustomization.yaml, values.yaml (Helm values, no kind);
//       every 7th app has all-in-one.yaml (Deployment + Service + HorizontalPodAutoscaler) instead of the first two,
//       every 5th a servicemonitor.yaml; every 4th app's objects carry no namespace (its kustomization sets it)
//   charts/<chart>/Chart.yaml, values.yaml, templates/{deployment,service}.yaml   Helm charts (`{{ .Values.x }}`)
//   .github/workflows/*.yml        GitHub Actions workflows (`${{ github.sha }}`)
//   platform/rbac/<ns>.yaml        ServiceAccount + Role + RoleBinding per namespace
//   platform/crds/*.yaml           CustomResourceDefinitions (noise with deep schemas)
//   gateway-api/edge/gateway.yaml  MONOREPO_GATEWAY: Gateway edge/edge, certificateRefs to Secret certs/edge-tls
//   gateway-api/certs/secrets.yaml the TLS Secrets of namespace certs (real certificate)
//   gateway-api/certs/grants.yaml  ReferenceGrants in certs, from the edge and team Gateway namespaces
//   gateway-api/teams/team-NNN/    per team: secret.yaml, ca.yaml (ConfigMap ca.crt, real PEM), gateway.yaml (HTTPS
//                                  listeners, some cross-namespace to certs), httproute.yaml, backendtlspolicy.yaml
//                                  (targets an app's Service), every 8th a cert-manager certificate.yaml
// Every reference resolves, so a Gateway's correct diagnostics are known: no certificate-secret-not-found, no
// ref-not-permitted. MONOREPO_DEPLOYMENT is the Deployment file whose `replicas` the benchmark edits.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { certificate, pad, prng, secret, WORK } from './generate.mjs';

/** Bump when the generated content changes: cached trees with another version are regenerated. */
export const GENERATOR_VERSION = 'monorepo-3';
const MARKER = '.bench-generator';

export const MONOREPO_GATEWAY = 'gateway-api/edge/gateway.yaml';

const WORDS = ['billing', 'checkout', 'catalog', 'search', 'orders', 'payments', 'users', 'auth', 'inventory', 'shipping', 'ledger',
  'notify', 'reports', 'gateway', 'media', 'profile', 'pricing', 'reviews', 'cart', 'analytics', 'audit', 'events', 'feeds', 'geo'];
const appName = (i) => `${WORDS[i % WORDS.length]}-${pad(i)}`;
/** Namespaces: one per ~250 files. */
const namespaceCount = (files) => Math.max(4, Math.round(files / 250));
const appNamespace = (i, nsCount) => `ns-${pad(i % nsCount, 3)}`;
/** Every 4th app leaves the namespace to its kustomization. */
const explicitNamespace = (i) => i % 4 !== 3;
const allInOne = (i) => i % 7 === 6;

/** The Deployment file the benchmark edits (app 0: separate files, explicit namespace). */
export const MONOREPO_DEPLOYMENT = `apps/${appName(0)}/deployment.yaml`;

const lines = (...xs) => xs.flat().join('\n');

function labels(app, indent, random) {
  const sp = ' '.repeat(indent);
  return [
    `${sp}app.kubernetes.io/name: ${app}`,
    `${sp}app.kubernetes.io/instance: ${app}-prod`,
    `${sp}app.kubernetes.io/version: "1.${Math.floor(random() * 40)}.${Math.floor(random() * 10)}"`,
    `${sp}app.kubernetes.io/component: ${random() < 0.5 ? 'api' : 'worker'}`,
    `${sp}app.kubernetes.io/part-of: ${app.split('-')[0]}`,
    `${sp}app.kubernetes.io/managed-by: kustomize`,
  ];
}

function deploymentDoc(i, ns, random) {
  const app = appName(i);
  const env = [];
  const envCount = 22 + Math.floor(random() * 24);
  for (let k = 0; k < envCount; k++) {
    const r = random();
    if (r < 0.5) env.push(`        - name: ${app.toUpperCase().replace(/-/g, '_')}_SETTING_${k}`, `          value: "${Math.floor(random() * 1e6).toString(36)}"`);
    else if (r < 0.75) env.push(`        - name: CONFIG_${k}`, '          valueFrom:', '            configMapKeyRef:', `              name: ${app}-config`, `              key: key-${k % 6}`);
    else env.push(`        - name: SECRET_${k}`, '          valueFrom:', '            secretKeyRef:', `              name: ${app}-credentials`, `              key: token-${k % 3}`, '              optional: true');
  }
  const cpu = 50 + Math.floor(random() * 950);
  const mem = 64 * (1 + Math.floor(random() * 16));
  return lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${app}`,
    ...(ns ? [`  namespace: ${ns}`] : []),
    '  labels:',
    labels(app, 4, random),
    '  annotations:',
    `    deployment.kubernetes.io/revision: "${1 + Math.floor(random() * 90)}"`,
    `    argocd.argoproj.io/sync-wave: "${Math.floor(random() * 5)}"`,
    `    owner: team-${app.split('-')[0]}@bench.example.com`,
    'spec:',
    `  replicas: ${3 + Math.floor(random() * 4)}`,
    '  revisionHistoryLimit: 5',
    '  strategy:',
    '    type: RollingUpdate',
    '    rollingUpdate:',
    '      maxSurge: 25%',
    '      maxUnavailable: 0',
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${app}`,
    `      app.kubernetes.io/instance: ${app}-prod`,
    '  template:',
    '    metadata:',
    '      labels:',
    labels(app, 8, random),
    '      annotations:',
    '        prometheus.io/scrape: "true"',
    '        prometheus.io/port: "9090"',
    `        checksum/config: ${Math.floor(random() * 2 ** 52).toString(16).padStart(13, '0')}${Math.floor(random() * 2 ** 52).toString(16).padStart(13, '0')}`,
    '    spec:',
    `      serviceAccountName: ${app}`,
    '      securityContext:',
    '        runAsNonRoot: true',
    '        runAsUser: 10001',
    '        fsGroup: 10001',
    '        seccompProfile:',
    '          type: RuntimeDefault',
    '      affinity:',
    '        podAntiAffinity:',
    '          preferredDuringSchedulingIgnoredDuringExecution:',
    '          - weight: 100',
    '            podAffinityTerm:',
    '              topologyKey: kubernetes.io/hostname',
    '              labelSelector:',
    '                matchLabels:',
    `                  app.kubernetes.io/name: ${app}`,
    '      topologySpreadConstraints:',
    '      - maxSkew: 1',
    '        topologyKey: topology.kubernetes.io/zone',
    '        whenUnsatisfiable: ScheduleAnyway',
    '        labelSelector:',
    '          matchLabels:',
    `            app.kubernetes.io/name: ${app}`,
    '      initContainers:',
    '      - name: migrate',
    `        image: registry.bench.example.com/${app}:1.${i % 40}.${i % 10}`,
    `        command: ["/app/bin/${app}", "migrate", "--timeout=120s"]`,
    '      containers:',
    `      - name: ${app}`,
    `        image: registry.bench.example.com/${app}:1.${i % 40}.${i % 10}`,
    '        imagePullPolicy: IfNotPresent',
    `        args: ["--port=8080", "--metrics-port=9090", "--log-level=${random() < 0.8 ? 'info' : 'debug'}"]`,
    '        ports:',
    '        - name: http',
    '          containerPort: 8080',
    '          protocol: TCP',
    '        - name: https',
    '          containerPort: 8443',
    '          protocol: TCP',
    '        - name: metrics',
    '          containerPort: 9090',
    '          protocol: TCP',
    '        env:',
    env,
    '        envFrom:',
    '        - configMapRef:',
    `            name: ${app}-config`,
    '        resources:',
    '          requests:',
    `            cpu: ${cpu}m`,
    `            memory: ${mem}Mi`,
    '          limits:',
    `            cpu: ${cpu * 2}m`,
    `            memory: ${mem * 2}Mi`,
    '        readinessProbe:',
    '          httpGet:',
    '            path: /healthz/ready',
    '            port: http',
    '          initialDelaySeconds: 5',
    '          periodSeconds: 10',
    '          failureThreshold: 3',
    '        livenessProbe:',
    '          httpGet:',
    '            path: /healthz/live',
    '            port: http',
    '          initialDelaySeconds: 15',
    '          periodSeconds: 20',
    '        startupProbe:',
    '          tcpSocket:',
    '            port: http',
    '          failureThreshold: 30',
    '          periodSeconds: 2',
    '        securityContext:',
    '          allowPrivilegeEscalation: false',
    '          readOnlyRootFilesystem: true',
    '          capabilities:',
    '            drop: ["ALL"]',
    '        volumeMounts:',
    '        - name: config',
    '          mountPath: /etc/app',
    '          readOnly: true',
    '        - name: tmp',
    '          mountPath: /tmp',
    '        - name: cache',
    '          mountPath: /var/cache/app',
    '      - name: log-shipper',
    '        image: registry.bench.example.com/platform/fluent-bit:3.1.4',
    '        resources:',
    '          requests: {cpu: 10m, memory: 32Mi}',
    '          limits: {cpu: 100m, memory: 64Mi}',
    '        volumeMounts:',
    '        - name: tmp',
    '          mountPath: /tmp',
    '      volumes:',
    '      - name: config',
    '        configMap:',
    `          name: ${app}-config`,
    '      - name: tmp',
    '        emptyDir: {}',
    '      - name: cache',
    '        emptyDir:',
    '          sizeLimit: 512Mi',
    '      terminationGracePeriodSeconds: 45',
    '      nodeSelector:',
    `        node.bench.example.com/pool: ${random() < 0.7 ? 'general' : 'memory'}`,
    '      tolerations:',
    '      - key: dedicated',
    '        operator: Equal',
    '        value: apps',
    '        effect: NoSchedule',
  );
}

function serviceDoc(i, ns) {
  const app = appName(i);
  return lines(
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${app}`,
    ...(ns ? [`  namespace: ${ns}`] : []),
    '  labels:',
    `    app.kubernetes.io/name: ${app}`,
    'spec:',
    '  type: ClusterIP',
    '  selector:',
    `    app.kubernetes.io/name: ${app}`,
    `    app.kubernetes.io/instance: ${app}-prod`,
    '  ports:',
    '  - name: http',
    '    port: 80',
    '    targetPort: http',
    '    protocol: TCP',
    '  - name: https',
    '    port: 443',
    '    targetPort: https',
    '    protocol: TCP',
  );
}

function hpaDoc(i, ns) {
  const app = appName(i);
  return lines(
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata:',
    `  name: ${app}`,
    ...(ns ? [`  namespace: ${ns}`] : []),
    'spec:',
    '  scaleTargetRef:',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    `    name: ${app}`,
    '  minReplicas: 3',
    '  maxReplicas: 30',
    '  metrics:',
    '  - type: Resource',
    '    resource:',
    '      name: cpu',
    '      target:',
    '        type: Utilization',
    '        averageUtilization: 70',
  );
}

function configMapDoc(i, ns, random) {
  const app = appName(i);
  const data = [];
  for (let k = 0; k < 6; k++) data.push(`  key-${k}: "${Math.floor(random() * 1e9).toString(36)}"`);
  if (i % 3 === 0) {
    data.push('  nginx.conf: |', '    worker_processes auto;', '    events { worker_connections 1024; }', '    http {');
    const locations = 8 + Math.floor(random() * 16);
    data.push('      server {', '        listen 8080;', `        server_name ${app}.bench.example.com;`);
    for (let k = 0; k < locations; k++) {
      data.push(`        location /api/v${k % 3 + 1}/${WORDS[(i + k) % WORDS.length]} {`, `          proxy_pass http://${WORDS[(i + k) % WORDS.length]}.svc.cluster.local:80;`,
        '          proxy_set_header Host $host;', '          proxy_read_timeout 30s;', '        }');
    }
    data.push('      }', '    }');
  }
  if (i % 3 !== 0) {
    data.push('  application.properties: |');
    const props = 20 + Math.floor(random() * 40);
    for (let k = 0; k < props; k++) data.push(`    ${app.replace(/-/g, '.')}.feature${k}.enabled=${random() < 0.5}`, `    ${app.replace(/-/g, '.')}.feature${k}.limit=${Math.floor(random() * 1000)}`);
  }
  return lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${app}-config`, ...(ns ? [`  namespace: ${ns}`] : []), '  labels:', `    app.kubernetes.io/name: ${app}`, 'data:', data);
}

function kustomizationDoc(i, nsCount, resources) {
  const app = appName(i);
  return lines(
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    `namespace: ${appNamespace(i, nsCount)}`,
    'commonLabels:',
    `  app.kubernetes.io/name: ${app}`,
    'resources:',
    resources.map((r) => `- ${r}`),
    'images:',
    `- name: registry.bench.example.com/${app}`,
    `  newTag: 1.${i % 40}.${i % 10}`,
  );
}

function valuesDoc(i, random) {
  const app = appName(i);
  const out = [
    `# Helm values for ${app}`,
    `nameOverride: ${app}`,
    `replicaCount: ${1 + Math.floor(random() * 5)}`,
    'image:',
    `  repository: registry.bench.example.com/${app}`,
    `  tag: "1.${i % 40}.${i % 10}"`,
    '  pullPolicy: IfNotPresent',
    'service:',
    '  type: ClusterIP',
    '  port: 80',
    'ingress:',
    '  enabled: false',
    '  hosts:',
    `  - host: ${app}.bench.example.com`,
    '    paths:',
    '    - path: /',
    '      pathType: Prefix',
    'resources:',
    '  requests:',
    `    cpu: ${50 + Math.floor(random() * 500)}m`,
    `    memory: ${64 * (1 + Math.floor(random() * 8))}Mi`,
    'autoscaling:',
    '  enabled: true',
    '  minReplicas: 2',
    `  maxReplicas: ${5 + Math.floor(random() * 20)}`,
    '  targetCPUUtilizationPercentage: 75',
    'podAnnotations:',
    '  prometheus.io/scrape: "true"',
    'config:',
  ];
  const keys = 40 + Math.floor(random() * 50);
  for (let k = 0; k < keys; k++) out.push(`  ${WORDS[(i * 7 + k) % WORDS.length]}Setting${k}: ${random() < 0.3 ? random() < 0.5 : `"${Math.floor(random() * 1e8).toString(36)}"`}`);
  out.push('featureFlags:');
  for (let k = 0; k < 20; k++) out.push(`  - name: flag-${k}`, `    enabled: ${random() < 0.5}`, `    rollout: ${Math.floor(random() * 100)}`);
  return lines(out);
}

function serviceMonitorDoc(i, ns) {
  const app = appName(i);
  return lines(
    'apiVersion: monitoring.coreos.com/v1',
    'kind: ServiceMonitor',
    'metadata:',
    `  name: ${app}`,
    ...(ns ? [`  namespace: ${ns}`] : []),
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${app}`,
    '  endpoints:',
    '  - port: metrics',
    '    interval: 30s',
    '    path: /metrics',
  );
}

function workflowDoc(k, random) {
  const steps = [];
  const jobs = 2 + Math.floor(random() * 4);
  for (let j = 0; j < jobs; j++) {
    steps.push(
      `  ${['build', 'test', 'lint', 'deploy', 'scan', 'publish'][j]}-${k}:`,
      '    runs-on: ubuntu-latest',
      '    permissions:',
      '      contents: read',
      '      id-token: write',
      '    steps:',
      '    - uses: actions/checkout@v4',
      '    - uses: actions/setup-node@v4',
      '      with:',
      '        node-version: 20',
      '        cache: npm',
      '    - run: npm ci',
      `    - run: npm run ${['build', 'test', 'lint', 'deploy', 'scan', 'publish'][j]}`,
      '    - name: Tag image',
      '      run: |',
      '        docker build -t registry.bench.example.com/app:${{ github.sha }} .',
      '        docker push registry.bench.example.com/app:${{ github.sha }}',
      '      env:',
      '        REF: ${{ github.ref_name }}',
      '        TOKEN: ${{ secrets.REGISTRY_TOKEN }}',
    );
  }
  return lines(`name: ci-${pad(k, 3)}`, 'on:', '  push:', '    branches: [main]', '    paths:', `    - 'apps/${WORDS[k % WORDS.length]}-*/**'`, '  pull_request: {}',
    'concurrency:', '  group: ${{ github.workflow }}-${{ github.ref }}', '  cancel-in-progress: true', 'jobs:', steps);
}

function chartFiles(k) {
  const name = `chart-${pad(k, 3)}`;
  return [
    [`charts/${name}/Chart.yaml`, lines('apiVersion: v2', `name: ${name}`, 'description: A Helm chart of the bench monorepo', 'type: application', 'version: 0.3.1', 'appVersion: "1.16.0"')],
    [`charts/${name}/values.yaml`, lines('replicaCount: 2', 'image:', `  repository: registry.bench.example.com/${name}`, '  tag: latest', 'service:', '  port: 80')],
    [`charts/${name}/templates/deployment.yaml`, lines(
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: {{ include "chart.fullname" . }}', '  labels:', '    {{- include "chart.labels" . | nindent 4 }}', 'spec:',
      '  replicas: {{ .Values.replicaCount }}', '  selector:', '    matchLabels:', '      {{- include "chart.selectorLabels" . | nindent 6 }}', '  template:', '    spec:', '      containers:',
      '      - name: {{ .Chart.Name }}', '        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"', '        ports:', '        - name: http', '          containerPort: {{ .Values.service.port }}')],
    [`charts/${name}/templates/service.yaml`, lines(
      'apiVersion: v1', 'kind: Service', 'metadata:', '  name: {{ include "chart.fullname" . }}', 'spec:', '  ports:', '  - port: {{ .Values.service.port }}', '    name: http',
      '  selector:', '    {{- include "chart.selectorLabels" . | nindent 4 }}')],
  ];
}

function rbacDoc(ns) {
  return [
    lines('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: deployer', `  namespace: ${ns}`),
    lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata:', '  name: deployer', `  namespace: ${ns}`, 'rules:',
      '- apiGroups: ["apps"]', '  resources: ["deployments", "replicasets"]', '  verbs: ["get", "list", "watch", "create", "update", "patch"]',
      '- apiGroups: [""]', '  resources: ["services", "configmaps", "secrets"]', '  verbs: ["get", "list", "watch"]',
      '- apiGroups: ["gateway.networking.k8s.io"]', '  resources: ["httproutes"]', '  verbs: ["get", "list", "watch", "create", "update"]'),
    lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata:', '  name: deployer', `  namespace: ${ns}`, 'subjects:', '- kind: ServiceAccount', '  name: deployer',
      `  namespace: ${ns}`, 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: Role', '  name: deployer'),
  ].join('\n---\n');
}

function crdDoc(k, random) {
  const plural = `widget${k}s`;
  const props = [];
  const count = 15 + Math.floor(random() * 30);
  for (let p = 0; p < count; p++) {
    props.push(`              field${p}:`, `                type: ${['string', 'integer', 'boolean'][p % 3]}`, `                description: Field ${p} of the widget; set by the operator when unset.`);
  }
  return lines('apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata:', `  name: ${plural}.platform.bench.example.com`, 'spec:', '  group: platform.bench.example.com',
    '  names:', `    kind: Widget${k}`, `    plural: ${plural}`, '  scope: Namespaced', '  versions:', '  - name: v1', '    served: true', '    storage: true', '    schema:', '      openAPIV3Schema:',
    '        type: object', '        properties:', '          spec:', '            type: object', '            properties:', props);
}

// ---- Gateway API -------------------------------------------------------------------------------------------

const gwNamespace = (t) => `gw-team-${pad(t, 3)}`;

function edgeGateway() {
  return lines(
    '# The edge Gateway: its certificate lives in namespace certs (gateway-api/certs/secrets.yaml), allowed by the',
    '# ReferenceGrant edge-gateways in gateway-api/certs/grants.yaml.',
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: Gateway',
    'metadata:',
    '  name: edge',
    '  namespace: edge',
    '  annotations:',
    '    owner: platform@bench.example.com',
    'spec:',
    '  gatewayClassName: edge-lb',
    '  listeners:',
    '  - name: http',
    '    protocol: HTTP',
    '    port: 80',
    '    allowedRoutes:',
    '      namespaces:',
    '        from: All',
    '  - name: https-api',
    '    protocol: HTTPS',
    '    port: 443',
    '    hostname: api-0.bench.example.com',
    '    tls:',
    '      mode: Terminate',
    '      certificateRefs:',
    '      - kind: Secret',
    '        group: ""',
    '        name: edge-tls',
    '        namespace: certs',
    '    allowedRoutes:',
    '      namespaces:',
    '        from: All',
    '  - name: https-www',
    '    protocol: HTTPS',
    '    port: 443',
    '    hostname: www.bench.example.com',
    '    tls:',
    '      mode: Terminate',
    '      certificateRefs:',
    '      - kind: Secret',
    '        group: ""',
    '        name: edge-tls',
    '        namespace: certs',
    '    allowedRoutes:',
    '      namespaces:',
    '        from: All',
  ) + '\n';
}

/** Where the benchmark edits and completes in MONOREPO_GATEWAY: the api listener's hostname, the certificateRef name. */
export function edgeGatewayPositions(text) {
  const at = (index) => {
    const before = text.slice(0, index);
    const line = before.split('\n').length - 1;
    return { index, line, character: index - (before.lastIndexOf('\n') + 1) };
  };
  const host = text.indexOf('hostname: api-');
  const ref = text.indexOf('        name: edge-tls');
  if (host < 0 || ref < 0) throw new Error(`${MONOREPO_GATEWAY} does not look generated`);
  return { hostnameChar: at(host + 'hostname: api-'.length), certificateRefName: at(ref + '        name: edge-'.length) };
}

/** The position of the digit of `replicas:` in MONOREPO_DEPLOYMENT. */
export function deploymentReplicasPosition(text) {
  const i = text.indexOf('  replicas: ');
  if (i < 0) throw new Error(`${MONOREPO_DEPLOYMENT} has no replicas`);
  const index = i + '  replicas: '.length;
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { index, line, character: index - (before.lastIndexOf('\n') + 1) };
}

function teamFiles(t, target, nsCount, cert, pem, random) {
  const ns = gwNamespace(t);
  const gw = `team-${pad(t, 3)}`;
  const host = `team-${pad(t, 3)}.bench.example.com`;
  const app = appName(target);
  const appNs = appNamespace(target, nsCount);
  const certManaged = t % 8 === 5;
  const listeners = [
    '  - name: http', '    protocol: HTTP', '    port: 80', `    hostname: ${host}`, '    allowedRoutes:', '      namespaces:', '        from: All',
    '  - name: https', '    protocol: HTTPS', '    port: 443', `    hostname: ${host}`, '    tls:', '      mode: Terminate', '      certificateRefs:', `      - name: ${gw}-tls`,
    '    allowedRoutes:', '      namespaces:', '        from: All',
  ];
  const extra = 1 + Math.floor(random() * 3);
  for (let k = 0; k < extra; k++) {
    listeners.push(`  - name: https-${k}`, '    protocol: HTTPS', `    port: ${8443 + k}`, `    hostname: app${k}-${host}`, '    tls:', '      certificateRefs:');
    if (k === 0 && t % 3 === 1) listeners.push('      - kind: Secret', '        group: ""', '        name: shared-wildcard-tls', '        namespace: certs');
    else if (k === 0 && certManaged) listeners.push(`      - name: ${gw}-managed-tls`);
    else listeners.push(`      - name: ${gw}-tls`);
  }
  const files = [
    [`gateway-api/teams/${gw}/secret.yaml`, secret(`${gw}-tls`, ns, cert) + '\n'],
    [`gateway-api/teams/${gw}/ca.yaml`, lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${app}-ca`, `  namespace: ${appNs}`, 'data:', '  ca.crt: |', pem.trimEnd().split('\n').map((l) => `    ${l}`)) + '\n'],
  ];
  if (certManaged) {
    files.push([`gateway-api/teams/${gw}/certificate.yaml`, lines('apiVersion: cert-manager.io/v1', 'kind: Certificate', 'metadata:', `  name: ${gw}-managed`, `  namespace: ${ns}`, 'spec:',
      `  secretName: ${gw}-managed-tls`, '  dnsNames:', `  - app0-${host}`, '  issuerRef:', '    kind: ClusterIssuer', '    name: letsencrypt-prod') + '\n']);
  }
  files.push(
    [`gateway-api/teams/${gw}/gateway.yaml`, lines('apiVersion: gateway.networking.k8s.io/v1', 'kind: Gateway', 'metadata:', `  name: ${gw}`, `  namespace: ${ns}`, 'spec:', '  gatewayClassName: bench-lb', '  listeners:', listeners) + '\n'],
    [`gateway-api/teams/${gw}/httproute.yaml`, lines('apiVersion: gateway.networking.k8s.io/v1', 'kind: HTTPRoute', 'metadata:', `  name: ${app}`, `  namespace: ${appNs}`, 'spec:', '  parentRefs:',
      `  - name: ${gw}`, `    namespace: ${ns}`, '    sectionName: https', '  hostnames:', `  - ${host}`, '  rules:', '  - matches:', '    - path:', '        type: PathPrefix', '        value: /',
      '    backendRefs:', `    - name: ${app}`, '      port: 443') + '\n'],
    [`gateway-api/teams/${gw}/backendtlspolicy.yaml`, lines('apiVersion: gateway.networking.k8s.io/v1', 'kind: BackendTLSPolicy', 'metadata:', `  name: ${app}-tls`, `  namespace: ${appNs}`, 'spec:',
      '  targetRefs:', '  - group: ""', '    kind: Service', `    name: ${app}`, '    sectionName: https', '  validation:', '    caCertificateRefs:', '    - group: ""', '      kind: ConfigMap',
      `      name: ${app}-ca`, `    hostname: ${app}.bench.example.com`) + '\n'],
  );
  return files;
}

/**
 * Writes the monorepo of exactly `files` YAML files into `out` (replacing what is there) unless `out` already holds
 * this generator version's tree for that size. Returns { out, files, bytes, documents?, cached }.
 */
export function generateMonorepo({ out, files: total, seed = 7, force = false }) {
  if (!Number.isInteger(total) || total < 200) throw new Error(`--monorepo sizes must be whole numbers of at least 200 files, not ${total}`);
  const markerFile = path.join(out, MARKER);
  const expected = `${GENERATOR_VERSION} files=${total} seed=${seed}`;
  if (!force && existsSync(markerFile)) {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8'));
    if (marker.version === expected) return { ...marker.stats, out, cached: true };
  }
  const random = prng(seed);
  const cert = certificate();
  const pem = Buffer.from(cert.crt, 'base64').toString('utf8');
  rmSync(out, { recursive: true, force: true });
  let written = 0;
  let bytes = 0;
  let documents = 0;
  const write = (rel, text) => {
    if (written >= total) return false;
    const file = path.join(out, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    written++;
    bytes += Buffer.byteLength(text);
    documents += text.split(/^---$/m).length;
    return true;
  };

  const nsCount = namespaceCount(total);
  const gatewayBudget = Math.max(10, Math.round(total * 0.02));
  const workflows = Math.max(2, Math.round(total * 0.004));
  const charts = Math.max(1, Math.round(total / 2500));
  const crds = Math.max(2, Math.round(total * 0.002));
  const fixed = gatewayBudget + workflows + charts * 4 + nsCount + crds;
  const appBudget = total - fixed;
  // ~5.4 files per app on average (all-in-one apps have 4, every 5th has a ServiceMonitor too).
  const apps = Math.floor(appBudget / 5.4);

  // Gateway API: the edge Gateway, the certs namespace, then teams until the budget is spent.
  let gatewayFiles = 0;
  const gwWrite = (rel, text) => gatewayFiles < gatewayBudget && write(rel, text) && ++gatewayFiles;
  gwWrite(MONOREPO_GATEWAY, edgeGateway());
  gwWrite('gateway-api/certs/secrets.yaml', [secret('edge-tls', 'certs', cert), secret('shared-wildcard-tls', 'certs', cert)].join('\n---\n') + '\n');
  const teams = [];
  const grantsBudget = 1;
  for (let t = 0; gatewayFiles < gatewayBudget - grantsBudget; t++) {
    // Each team's BackendTLSPolicy targets the Service of an app with an explicit namespace and its own service.yaml.
    let target = (t * 13 + 1) % Math.max(1, apps - 1);
    while (!explicitNamespace(target) || allInOne(target)) target++;
    teams.push(t);
    for (const [rel, text] of teamFiles(t, target, nsCount, cert, pem, random)) if (gatewayFiles < gatewayBudget - grantsBudget) gwWrite(rel, text);
  }
  const grant = (name, from) =>
    lines('apiVersion: gateway.networking.k8s.io/v1beta1', 'kind: ReferenceGrant', 'metadata:', `  name: ${name}`, '  namespace: certs', 'spec:', '  from:', '  - group: gateway.networking.k8s.io',
      '    kind: Gateway', `    namespace: ${from}`, '  to:', '  - group: ""', '    kind: Secret');
  gwWrite('gateway-api/certs/grants.yaml', [grant('edge-gateways', 'edge'), ...teams.filter((t) => t % 3 === 1).map((t) => grant(`${gwNamespace(t)}-gateways`, gwNamespace(t)))].join('\n---\n') + '\n');

  for (let k = 0; k < workflows; k++) write(`.github/workflows/ci-${pad(k, 3)}.yml`, workflowDoc(k, random) + '\n');
  for (let k = 0; k < charts; k++) for (const [rel, text] of chartFiles(k)) write(rel, text + '\n');
  for (let n = 0; n < nsCount; n++) write(`platform/rbac/${appNamespace(n, nsCount)}.yaml`, rbacDoc(appNamespace(n, nsCount)) + '\n');
  for (let k = 0; k < crds; k++) write(`platform/crds/widget${k}.yaml`, crdDoc(k, random) + '\n');

  // Apps fill the rest, exactly.
  for (let i = 0; written < total; i++) {
    const app = appName(i);
    const ns = explicitNamespace(i) ? appNamespace(i, nsCount) : undefined;
    const dir = `apps/${app}`;
    const resources = [];
    const appFiles = [];
    if (allInOne(i)) {
      appFiles.push(['all-in-one.yaml', [deploymentDoc(i, ns, random), serviceDoc(i, ns), hpaDoc(i, ns)].join('\n---\n')]);
    } else {
      appFiles.push(['deployment.yaml', deploymentDoc(i, ns, random)], ['service.yaml', serviceDoc(i, ns)]);
    }
    appFiles.push(['configmap.yaml', configMapDoc(i, ns, random)]);
    if (i % 5 === 2) appFiles.push(['servicemonitor.yaml', serviceMonitorDoc(i, ns)]);
    for (const [name] of appFiles) resources.push(name);
    appFiles.push(['kustomization.yaml', kustomizationDoc(i, nsCount, resources)], ['values.yaml', valuesDoc(i, random)]);
    for (const [name, text] of appFiles) write(`${dir}/${name}`, text + '\n');
  }
  const stats = { files: written, bytes, documents, namespaces: nsCount, gatewayApiFiles: gatewayFiles, teams: teams.length, realCertificate: cert.real };
  writeFileSync(markerFile, JSON.stringify({ version: expected, stats }) + '\n');
  return { ...stats, out, cached: false };
}

export const monorepoDir = (files) => path.join(WORK, `monorepo-${files}`);

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const files = Number(flag('files', 1000));
  const started = Date.now();
  const result = generateMonorepo({ out: path.resolve(flag('out', monorepoDir(files))), files, force: args.includes('--force') });
  console.log(JSON.stringify({ ...result, ms: Date.now() - started }));
}
