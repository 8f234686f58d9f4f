{{/*
The one configuration file every Kakapo pod reads (/etc/kakapo/kakapo.json): Kea's Dhcp4, Dhcp6
and DhcpDdns objects from the values, with what the chart owns set here - where leases live, the
interfaces, the coordinators, the ddns-workers, the control API and its users, TSIG key files.
*/}}
{{- define "kakapo.config" -}}
{{- $v := .Values -}}
{{- $kakapo := dict "logging" (dict "format" $v.logging.format) "control" (include "kakapo.controlConfig" . | fromJson) -}}
{{- if eq $v.mode "cluster" -}}
{{- $dns := printf "%s.%s.svc.%s" (include "kakapo.coordinatorService" .) .Release.Namespace $v.clusterDomain -}}
{{- $_ := set $kakapo "cluster" (dict "name" $v.coordinator.clusterName "kubernetes-service-dns" $dns "port" (int $v.coordinator.port) "quorum" (include "kakapo.quorum" . | int)) -}}
{{- end -}}
{{- if $v.ddnsWorker.enabled -}}
{{- $workers := printf "%s.%s.svc.%s:%d" (include "kakapo.ddnsWorkerService" .) .Release.Namespace $v.clusterDomain (int $v.ddnsWorker.port) -}}
{{- $_ := set $kakapo "ddns-workers" (list $workers) -}}
{{- end -}}
{{- $limits := dict -}}
{{- with $v.rateLimits.perClient }}{{ $_ := set $limits "per-client" . }}{{ end -}}
{{- with $v.rateLimits.perRelay }}{{ $_ := set $limits "per-relay" . }}{{ end -}}
{{- if $limits -}}
{{- $_ := set $kakapo "rate-limits" $limits -}}
{{- end -}}
{{- with $v.ddnsTls.secretName -}}
{{- $dir := "/etc/kakapo-secrets/ddns-tls" -}}
{{- $_ := set $kakapo "ddns-tls" (dict "trust-anchor" (printf "%s/ca.crt" $dir) "cert-file" (printf "%s/tls.crt" $dir) "key-file" (printf "%s/tls.key" $dir) "cert-required" $v.ddnsTls.certRequired) -}}
{{- end -}}
{{- $config := dict "Kakapo" $kakapo -}}
{{- range $family := list "4" "6" -}}
{{- $section := index $v (printf "dhcp%s" $family) -}}
{{- if $section -}}
{{- range $owned := list "lease-database" "interfaces-config" "control-socket" "control-sockets" -}}
{{- if hasKey $section $owned -}}
{{- fail (printf "dhcp%s.%s is set by the chart: use %s instead" $family $owned (ternary "leaseDatabase (cluster) or site.persistence (site)" "server.interfaces / control" (eq $owned "lease-database"))) -}}
{{- end -}}
{{- end -}}
{{- $d := deepCopy $section -}}
{{- $_ := set $d "interfaces-config" (dict "interfaces" $v.server.interfaces) -}}
{{- $_ := set $d "lease-database" (include "kakapo.leaseDatabase" (list $ $family) | fromJson) -}}
{{- $_ := set $config (printf "Dhcp%s" $family) $d -}}
{{- end -}}
{{- end -}}
{{- if not (or $v.dhcp4 $v.dhcp6) -}}
{{- fail "dhcp4 and dhcp6 are both empty: configure at least one family" -}}
{{- end -}}
{{- if $v.ddnsWorker.enabled -}}
{{- range $owned := list "tsig-keys" "ip-address" "port" -}}
{{- if hasKey $v.ddnsWorker.config $owned -}}
{{- fail (printf "ddnsWorker.config.%s is set by the chart: use ddnsWorker.%s instead" $owned (ternary "tsigKeys" "port" (eq $owned "tsig-keys"))) -}}
{{- end -}}
{{- end -}}
{{- $ddns := deepCopy $v.ddnsWorker.config -}}
{{- $_ := set $ddns "port" (int $v.ddnsWorker.port) -}}
{{- $keys := list -}}
{{- range $v.ddnsWorker.tsigKeys -}}
{{- $key := dict "name" .name "algorithm" .algorithm "secret-file" (printf "/etc/kakapo-secrets/tsig/%s" .name) -}}
{{- if .digestBits -}}
{{- $_ := set $key "digest-bits" (int .digestBits) -}}
{{- end -}}
{{- $keys = append $keys $key -}}
{{- end -}}
{{- $_ := set $ddns "tsig-keys" $keys -}}
{{- $_ := set $config "DhcpDdns" $ddns -}}
{{- end -}}
{{- toPrettyJson $config -}}
{{- end -}}

{{/* Kakapo.control: on every address of the pod, its users' names and passwords read from files. */}}
{{- define "kakapo.controlConfig" -}}
{{- $control := dict "address" "0.0.0.0" "port" (int .Values.control.port) -}}
{{- $clients := list -}}
{{- range (include "kakapo.controlUserSecrets" . | fromJsonArray) -}}
{{- $dir := printf "/etc/kakapo-secrets/control/%s" . -}}
{{- $clients = append $clients (dict "user-file" (printf "%s/username" $dir) "password-file" (printf "%s/password" $dir)) -}}
{{- end -}}
{{- if $clients -}}
{{- $_ := set $control "authentication" (dict "type" "basic" "realm" "kakapo" "clients" $clients) -}}
{{- else -}}
{{- $_ := set $control "allow-unauthenticated" true -}}
{{- end -}}
{{- toJson $control -}}
{{- end -}}

{{/* lease-database of one family: (list $ "4"). A site's lease file on its volume; a cluster's database. */}}
{{- define "kakapo.leaseDatabase" -}}
{{- $ := index . 0 -}}
{{- $family := index . 1 -}}
{{- $db := $.Values.leaseDatabase -}}
{{- if eq $.Values.mode "site" -}}
{{- toJson (dict "type" "memfile" "name" (printf "/var/lib/kakapo/kakapo-leases%s.csv" $family)) -}}
{{- else -}}
{{- $out := dict "type" $db.type -}}
{{- if eq $db.type "cql" -}}
{{- $points := $db.cql.contactPoints | default (list $db.host) | compact -}}
{{- if not $points -}}
{{- fail "leaseDatabase: Cassandra (cql) needs leaseDatabase.cql.contactPoints (or leaseDatabase.host)" -}}
{{- end -}}
{{- $_ := set $out "contact-points" (join ", " $points) -}}
{{- $_ := set $out "keyspace" $db.cql.keyspace -}}
{{- $_ := set $out "consistency" $db.cql.consistency -}}
{{- $_ := set $out "local-datacenter" $db.cql.localDatacenter -}}
{{- if $db.user -}}{{- $_ := set $out "user" $db.user -}}{{- end -}}
{{- else -}}
{{- $_ := set $out "host" $db.host -}}
{{- $_ := set $out "name" $db.name -}}
{{- $_ := set $out "user" $db.user -}}
{{- end -}}
{{- if gt (int $db.port) 0 -}}{{- $_ := set $out "port" (int $db.port) -}}{{- end -}}
{{- if $db.passwordSecret.name -}}
{{- $_ := set $out "password-file" "/etc/kakapo-secrets/lease-database/password" -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}
{{- end -}}
