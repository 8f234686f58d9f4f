{{/* Names and labels shared by every object of the release. */}}

{{- define "kakapo.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "kakapo.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: kakapo
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component: (list $ "server") */}}
{{- define "kakapo.selector" -}}
app.kubernetes.io/name: kakapo
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "kakapo.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "kakapo.configMapName" -}}
{{ include "kakapo.fullname" . }}-config
{{- end -}}

{{- define "kakapo.coordinatorService" -}}
{{ include "kakapo.fullname" . }}-coordinator
{{- end -}}

{{- define "kakapo.ddnsWorkerService" -}}
{{ include "kakapo.fullname" . }}-ddns-worker
{{- end -}}

{{/* The server pods' component: the all-in-one pod of a site, or a server node of a cluster. */}}
{{- define "kakapo.serverComponent" -}}
{{ if eq .Values.mode "site" }}site{{ else }}server{{ end }}
{{- end -}}

{{/* Whether the server pods use the host's network: always for a DaemonSet. */}}
{{- define "kakapo.hostNetwork" -}}
{{ if or .Values.server.hostNetwork (and (eq .Values.mode "cluster") (eq .Values.server.kind "DaemonSet")) }}true{{ end }}
{{- end -}}

{{/* The control API's users: basic-auth Secrets, or none when explicitly allowed. */}}
{{- define "kakapo.controlUserSecrets" -}}
{{- if .Values.control.userSecrets -}}
{{ toJson .Values.control.userSecrets }}
{{- else if .Values.control.allowUnauthenticated -}}
[]
{{- else -}}
{{ fail "control.userSecrets is empty: name at least one kubernetes.io/basic-auth Secret (keys username, password) or set control.allowUnauthenticated=true" }}
{{- end -}}
{{- end -}}

{{- define "kakapo.quorum" -}}
{{ if gt (int .Values.coordinator.quorum) 0 }}{{ int .Values.coordinator.quorum }}{{ else }}{{ add (div (int .Values.coordinator.replicas) 2) 1 }}{{ end }}
{{- end -}}

{{/*
Volumes every Kakapo pod mounts: the configuration, the Secrets it names (read from files, never
from the configuration itself) and a scratch /tmp (the root file system is read-only; the JVM and
Netty's native transport write there).
*/}}
{{- define "kakapo.volumes" -}}
- name: config
  configMap:
    name: {{ include "kakapo.configMapName" . }}
- name: tmp
  emptyDir: {}
{{- range $i, $s := (include "kakapo.controlUserSecrets" . | fromJsonArray) }}
- name: control-user-{{ $i }}
  secret:
    secretName: {{ $s }}
{{- end }}
{{- with .Values.ddnsTls.secretName }}
- name: ddns-tls
  secret:
    secretName: {{ . }}
{{- end }}
{{- if and (eq .Values.mode "cluster") .Values.leaseDatabase.passwordSecret.name }}
- name: lease-database
  secret:
    secretName: {{ .Values.leaseDatabase.passwordSecret.name }}
    items:
      - key: {{ .Values.leaseDatabase.passwordSecret.key }}
        path: password
{{- end }}
{{- end -}}

{{- define "kakapo.volumeMounts" -}}
- name: config
  mountPath: /etc/kakapo
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- range $i, $s := (include "kakapo.controlUserSecrets" . | fromJsonArray) }}
- name: control-user-{{ $i }}
  mountPath: /etc/kakapo-secrets/control/{{ $s }}
  readOnly: true
{{- end }}
{{- if .Values.ddnsTls.secretName }}
- name: ddns-tls
  mountPath: /etc/kakapo-secrets/ddns-tls
  readOnly: true
{{- end }}
{{- if and (eq .Values.mode "cluster") .Values.leaseDatabase.passwordSecret.name }}
- name: lease-database
  mountPath: /etc/kakapo-secrets/lease-database
  readOnly: true
{{- end }}
{{- end -}}

{{/* Pod security for pods on the pod network: an unprivileged user, nothing added. */}}
{{- define "kakapo.podSecurity" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "kakapo.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* HTTP probes on the control API's /livez and /readyz (they need no credentials). */}}
{{- define "kakapo.probes" -}}
startupProbe:
  httpGet: {path: /livez, port: control}
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet: {path: /livez, port: control}
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /readyz, port: control}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 2
{{- end -}}
