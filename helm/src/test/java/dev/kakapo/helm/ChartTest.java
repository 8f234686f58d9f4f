package dev.kakapo.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's shapes, rendered for the values files under src/test/resources/values and checked
 * for the wiring that makes them work: ports, the coordinators' discovery name, the configuration
 * mount, secret references and probes.
 */
class ChartTest {
    private static final String FULLNAME = RenderedChart.RELEASE + "-kakapo";

    @Test
    void lintsStrictly() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @Test
    void aSiteIsOneAllInOnePodWithItsLeaseFileOnAVolume() throws Exception {
        RenderedChart chart = RenderedChart.render("site.yaml", Map.of());
        assertFalse(chart.has(StatefulSet.class, FULLNAME + "-coordinator"), "a site has no separate coordinators");
        assertTrue(chart.all(PodDisruptionBudget.class).isEmpty(), "one pod: a budget would only block node drains");

        Deployment site = chart.get(Deployment.class, FULLNAME + "-site");
        assertEquals(1, site.getSpec().getReplicas());
        assertEquals("Recreate", site.getSpec().getStrategy().getType(), "the volume is ReadWriteOnce");
        PodSpec pod = site.getSpec().getTemplate().getSpec();
        Container kakapo = container(pod, "kakapo");
        assertEquals(List.of("server", "-c", "/etc/kakapo/kakapo.json"), kakapo.getArgs());
        assertEquals(Map.of("dhcp4", "67/UDP", "dhcp6", "547/UDP", "control", "8000/TCP"), ports(kakapo));
        assertProbes(kakapo);
        assertConfigMounted(pod, kakapo);
        assertUnprivileged(pod, kakapo);
        assertEquals("67", pod.getSecurityContext().getSysctls().get(0).getValue(), "ports from 67 bindable without root");
        assertTrue(pod.getHostNetwork() == null || !pod.getHostNetwork());

        PersistentVolumeClaim claim = chart.get(PersistentVolumeClaim.class, FULLNAME + "-leases");
        assertEquals("2Gi", claim.getSpec().getResources().getRequests().get("storage").toString());
        assertEquals("fast", claim.getSpec().getStorageClassName());
        assertEquals(claim.getMetadata().getName(), volume(pod, "leases").getPersistentVolumeClaim().getClaimName());
        assertEquals("/var/lib/kakapo", mount(kakapo, "leases").getMountPath());
        JsonNode config = chart.config();
        assertEquals("memfile", config.at("/Dhcp4/lease-database/type").asText());
        assertEquals("/var/lib/kakapo/kakapo-leases4.csv", config.at("/Dhcp4/lease-database/name").asText());
        assertEquals("/var/lib/kakapo/kakapo-leases6.csv", config.at("/Dhcp6/lease-database/name").asText());
        assertTrue(config.at("/Kakapo/cluster").isMissingNode(), "all-in-one: no coordinator cluster");
        assertTrue(config.at("/Kakapo/rate-limits").isMissingNode(), "no limits unless asked for");

        Service dhcp = chart.get(Service.class, FULLNAME + "-dhcp");
        assertEquals("LoadBalancer", dhcp.getSpec().getType());
        assertEquals("Local", dhcp.getSpec().getExternalTrafficPolicy());
        assertEquals(Map.of("dhcp4", "67/UDP->dhcp4", "dhcp6", "547/UDP->dhcp6"), servicePorts(dhcp));
        assertEquals(site.getSpec().getSelector().getMatchLabels(), dhcp.getSpec().getSelector());
        assertControlUsers(chart, pod, kakapo, List.of("kakapo-admin"));
    }

    @Test
    void aClusterWithPostgresqlBehindAUdpService() throws Exception {
        RenderedChart chart = RenderedChart.render("cluster-postgresql.yaml", Map.of());
        JsonNode config = chart.config();

        StatefulSet coordinators = chart.get(StatefulSet.class, FULLNAME + "-coordinator");
        Service discovery = chart.get(Service.class, FULLNAME + "-coordinator");
        assertEquals(3, coordinators.getSpec().getReplicas());
        assertEquals("Parallel", coordinators.getSpec().getPodManagementPolicy(), "members are ready only together");
        assertEquals(discovery.getMetadata().getName(), coordinators.getSpec().getServiceName());
        assertEquals("None", discovery.getSpec().getClusterIP());
        assertTrue(discovery.getSpec().getPublishNotReadyAddresses(), "members must find each other before they are ready");
        assertEquals(discovery.getMetadata().getName() + "." + RenderedChart.NAMESPACE + ".svc.cluster.local",
                config.at("/Kakapo/cluster/kubernetes-service-dns").asText(), "Hazelcast's DNS discovery name is the headless Service");
        assertEquals(5701, config.at("/Kakapo/cluster/port").asInt());
        assertEquals("5701/TCP->hazelcast", servicePorts(discovery).get("hazelcast"));
        assertEquals(2, config.at("/Kakapo/cluster/quorum").asInt(), "a majority of 3");
        PodSpec coordinatorPod = coordinators.getSpec().getTemplate().getSpec();
        Container coordinator = container(coordinatorPod, "kakapo");
        assertEquals(List.of("coordinator", "-c", "/etc/kakapo/kakapo.json", "-p", "5701", "--bind", "$(POD_IP)"), coordinator.getArgs());
        assertEquals("status.podIP", coordinator.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath());
        assertEquals(Map.of("hazelcast", "5701/TCP", "control", "8000/TCP"), ports(coordinator));
        assertProbes(coordinator);
        assertConfigMounted(coordinatorPod, coordinator);
        assertUnprivileged(coordinatorPod, coordinator);

        Deployment servers = chart.get(Deployment.class, FULLNAME + "-server");
        assertEquals(3, servers.getSpec().getReplicas());
        PodSpec serverPod = servers.getSpec().getTemplate().getSpec();
        Container server = container(serverPod, "kakapo");
        assertEquals(Map.of("dhcp4", "67/UDP", "control", "8000/TCP"), ports(server), "no Dhcp6 section, no DHCPv6 port");
        assertProbes(server);
        assertConfigMounted(serverPod, server);
        assertUnprivileged(serverPod, server);
        assertEquals(Map.of("dhcp4", "67/UDP->dhcp4"), servicePorts(chart.get(Service.class, FULLNAME + "-dhcp")));

        // the database password: a file from the Secret the values name
        assertEquals("postgresql", config.at("/Dhcp4/lease-database/type").asText());
        assertEquals("postgres.db.svc.cluster.local", config.at("/Dhcp4/lease-database/host").asText());
        String passwordFile = config.at("/Dhcp4/lease-database/password-file").asText();
        Volume dbSecret = volume(serverPod, "lease-database");
        assertEquals("kakapo-db", dbSecret.getSecret().getSecretName());
        assertEquals("password", dbSecret.getSecret().getItems().get(0).getKey());
        assertEquals(mount(server, "lease-database").getMountPath() + "/" + dbSecret.getSecret().getItems().get(0).getPath(), passwordFile);
        Container schema = container(serverPod.getInitContainers(), "schema");
        String script = String.join(" ", schema.getCommand());
        assertTrue(script.contains("kakapo admin db-upgrade postgresql -c /etc/kakapo/kakapo.json"), script);
        assertTrue(script.contains("|| /opt/kakapo/bin/kakapo admin db-init postgresql -c /etc/kakapo/kakapo.json"), script);
        assertEquals(mount(server, "lease-database").getMountPath(), mount(schema, "lease-database").getMountPath());

        // DNS updates: the servers reach every worker through the headless Service's name
        Deployment workers = chart.get(Deployment.class, FULLNAME + "-ddns-worker");
        Service workerService = chart.get(Service.class, FULLNAME + "-ddns-worker");
        assertEquals("None", workerService.getSpec().getClusterIP());
        assertEquals(workerService.getMetadata().getName() + "." + RenderedChart.NAMESPACE + ".svc.cluster.local:53001",
                config.at("/Kakapo/ddns-workers/0").asText());
        assertEquals(53001, config.at("/DhcpDdns/port").asInt());
        PodSpec workerPod = workers.getSpec().getTemplate().getSpec();
        Container worker = container(workerPod, "kakapo");
        assertEquals(List.of("ddns-worker", "-c", "/etc/kakapo/kakapo.json", "--bind", "$(POD_IP)"), worker.getArgs());
        assertEquals(Map.of("grpc", "53001/TCP", "control", "8000/TCP"), ports(worker));
        assertProbes(worker);
        String secretFile = config.at("/DhcpDdns/tsig-keys/0/secret-file").asText();
        var tsig = volume(workerPod, "tsig-keys").getProjected().getSources().get(0).getSecret();
        assertEquals("kakapo-tsig", tsig.getName());
        assertEquals("ddns-key", tsig.getItems().get(0).getKey());
        assertEquals(mount(worker, "tsig-keys").getMountPath() + "/" + tsig.getItems().get(0).getPath(), secretFile);
        assertTrue(config.at("/DhcpDdns/tsig-keys/0/secret").isMissingNode(), "no key material in the ConfigMap");

        assertEquals("10 packets per second", config.at("/Kakapo/rate-limits/per-client").asText());
        assertEquals("2000 packets per second", config.at("/Kakapo/rate-limits/per-relay").asText());

        // TLS to the workers: one Secret in cert-manager's layout, mounted on both ends
        assertEquals("/etc/kakapo-secrets/ddns-tls/ca.crt", config.at("/Kakapo/ddns-tls/trust-anchor").asText());
        assertEquals("/etc/kakapo-secrets/ddns-tls/tls.crt", config.at("/Kakapo/ddns-tls/cert-file").asText());
        assertEquals("/etc/kakapo-secrets/ddns-tls/tls.key", config.at("/Kakapo/ddns-tls/key-file").asText());
        assertTrue(config.at("/Kakapo/ddns-tls/cert-required").asBoolean());
        for (PodSpec p : List.of(serverPod, workerPod)) {
            assertEquals("kakapo-ddns-tls", volume(p, "ddns-tls").getSecret().getSecretName());
            assertEquals("/etc/kakapo-secrets/ddns-tls", mount(container(p, "kakapo"), "ddns-tls").getMountPath());
        }

        // only the release's coordinators and servers reach the coordinators' port, only its servers the workers'
        NetworkPolicy coordinatorPolicy = chart.get(NetworkPolicy.class, FULLNAME + "-coordinator");
        assertEquals(coordinators.getSpec().getSelector().getMatchLabels(), coordinatorPolicy.getSpec().getPodSelector().getMatchLabels());
        NetworkPolicyIngressRule hazelcast = coordinatorPolicy.getSpec().getIngress().get(0);
        assertEquals("hazelcast", hazelcast.getPorts().get(0).getPort().getStrVal());
        assertEquals(List.of("coordinator", "server"),
                hazelcast.getFrom().get(0).getPodSelector().getMatchExpressions().get(0).getValues());
        assertEquals(RenderedChart.RELEASE, hazelcast.getFrom().get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/instance"));
        NetworkPolicyIngressRule control = coordinatorPolicy.getSpec().getIngress().get(1);
        assertEquals("control", control.getPorts().get(0).getPort().getStrVal());
        assertTrue(control.getFrom() == null || control.getFrom().isEmpty(), "probes and Prometheus reach the control port");
        NetworkPolicyIngressRule grpc = chart.get(NetworkPolicy.class, FULLNAME + "-ddns-worker").getSpec().getIngress().get(0);
        assertEquals("grpc", grpc.getPorts().get(0).getPort().getStrVal());
        assertEquals(servers.getSpec().getSelector().getMatchLabels(), grpc.getFrom().get(0).getPodSelector().getMatchLabels());

        assertControlUsers(chart, serverPod, server, List.of("kakapo-admin", "kakapo-monitor"));
        assertEquals(List.of("coordinator", "ddns-worker", "server"), chart.all(PodDisruptionBudget.class).stream()
                .map(b -> b.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/component")).sorted().toList());

        ServiceMonitor monitor = chart.get(ServiceMonitor.class, FULLNAME);
        assertEquals("prometheus", monitor.getMetadata().getLabels().get("release"));
        Endpoint scrape = monitor.getSpec().getEndpoints().get(0);
        assertEquals("control", scrape.getPort());
        assertEquals("/metrics", scrape.getPath());
        assertEquals("15s", scrape.getInterval());
        assertEquals("kakapo-admin", scrape.getBasicAuth().getPassword().getName());
        assertEquals("password", scrape.getBasicAuth().getPassword().getKey());
        assertEquals("username", scrape.getBasicAuth().getUsername().getKey());
        // every Service it selects has the port it scrapes
        List<Service> scraped = chart.all(Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()))
                .toList();
        assertEquals(List.of(FULLNAME + "-control", FULLNAME + "-coordinator", FULLNAME + "-ddns-worker"),
                scraped.stream().map(s -> s.getMetadata().getName()).sorted().toList());
        scraped.forEach(s -> assertTrue(servicePorts(s).containsKey("control"), s.getMetadata().getName()));
    }

    @Test
    void aClusterWithCassandraOnTheHostsNetworks() throws Exception {
        RenderedChart chart = RenderedChart.render("cluster-cassandra.yaml", Map.of());
        JsonNode config = chart.config();
        DaemonSet servers = chart.get(DaemonSet.class, FULLNAME + "-server");
        PodSpec pod = servers.getSpec().getTemplate().getSpec();
        Container server = container(pod, "kakapo");
        assertTrue(pod.getHostNetwork());
        assertEquals("ClusterFirstWithHostNet", pod.getDnsPolicy(), "the coordinators' name must still resolve");
        assertEquals(Map.of("kakapo.dev/dhcp", "true"), pod.getNodeSelector());
        assertEquals(0L, pod.getSecurityContext().getRunAsUser(), "the host's namespace: binding 67 takes root");
        assertEquals(List.of("ALL"), server.getSecurityContext().getCapabilities().getDrop());
        assertEquals(List.of("NET_BIND_SERVICE", "NET_RAW"), server.getSecurityContext().getCapabilities().getAdd());
        assertFalse(server.getSecurityContext().getAllowPrivilegeEscalation());
        assertFalse(chart.has(Service.class, FULLNAME + "-dhcp"), "on the hosts' networks, no Service in front");
        assertFalse(chart.has(PodDisruptionBudget.class, FULLNAME + "-server"), "a DaemonSet rolls one node at a time itself");
        assertProbes(server);
        assertConfigMounted(pod, server);
        assertEquals("[\"eth1\"]", config.at("/Dhcp4/interfaces-config/interfaces").toString());

        assertEquals(5, chart.get(StatefulSet.class, FULLNAME + "-coordinator").getSpec().getReplicas());
        assertEquals(3, config.at("/Kakapo/cluster/quorum").asInt(), "a majority of 5");
        assertEquals("cql", config.at("/Dhcp4/lease-database/type").asText());
        assertEquals("cassandra-0.cassandra.db, cassandra-1.cassandra.db, cassandra-2.cassandra.db",
                config.at("/Dhcp4/lease-database/contact-points").asText());
        assertEquals("LOCAL_QUORUM", config.at("/Dhcp4/lease-database/consistency").asText());
        assertEquals("dc1", config.at("/Dhcp4/lease-database/local-datacenter").asText());
        assertEquals("kakapo-cassandra", volume(pod, "lease-database").getSecret().getSecretName());
        String script = String.join(" ", container(pod.getInitContainers(), "schema").getCommand());
        assertTrue(script.contains("db-init cql -c /etc/kakapo/kakapo.json --replication-factor 3"), script);
        assertTrue(chart.all(ServiceMonitor.class).isEmpty());
        assertFalse(chart.has(Deployment.class, FULLNAME + "-ddns-worker"));
        assertTrue(config.at("/DhcpDdns").isMissingNode());
        assertTrue(chart.all(NetworkPolicy.class).isEmpty(), "off unless asked for");
        RenderedChart isolated = RenderedChart.render("cluster-cassandra.yaml",
                Map.of("networkPolicy.enabled", "true", "networkPolicy.nodeCidrs[0]", "192.0.2.0/24"));
        NetworkPolicyIngressRule hazelcast = isolated.get(NetworkPolicy.class, FULLNAME + "-coordinator").getSpec().getIngress().get(0);
        assertEquals("192.0.2.0/24", hazelcast.getFrom().get(1).getIpBlock().getCidr(), "host-network servers come from the nodes");
    }

    @Test
    void metricsOnAndOff() throws Exception {
        assertTrue(RenderedChart.render("site.yaml", Map.of()).all(ServiceMonitor.class).isEmpty(), "off by default");
        RenderedChart on = RenderedChart.render("site.yaml", Map.of("metrics.serviceMonitor.enabled", "true"));
        ServiceMonitor monitor = on.get(ServiceMonitor.class, FULLNAME);
        assertEquals("30s", monitor.getSpec().getEndpoints().get(0).getInterval());
        assertEquals(FULLNAME + "-control", on.all(Service.class).stream()
                .filter(s -> "true".equals(s.getMetadata().getLabels().get("kakapo.dev/metrics")))
                .map(s -> s.getMetadata().getName()).collect(Collectors.joining(",")));
        RenderedChart open = RenderedChart.render("cluster-postgresql.yaml",
                Map.of("control.userSecrets", "null", "control.allowUnauthenticated", "true"));
        assertNull(open.get(ServiceMonitor.class, FULLNAME).getSpec().getEndpoints().get(0).getBasicAuth(),
                "no users: nothing to authenticate with");
        assertTrue(open.config().at("/Kakapo/control/allow-unauthenticated").asBoolean());
    }

    @Test
    void badValuesAreRefusedNamingTheValue() {
        assertRefused(Map.of("mode", "bogus"), "mode");
        assertRefused(Map.of("server.replicas", "0"), "replicas");
        assertRefused(Map.of("server.kind", "StatefulSet"), "kind");
        assertRefused(Map.of("control.port", "70000"), "port");
        assertRefused(Map.of("leaseDatabase.cql.consistency", "MOST"), "consistency");
        assertRefused(Map.of("serverr.replicas", "2"), "serverr");
        assertRefused(Map.of("mode", "cluster", "leaseDatabase.host", ""), "host");
        assertRefused(Map.of("mode", "cluster", "server.kind", "DaemonSet"), "interfaces");
        assertRefused(Map.of("dhcp4.lease-database.type", "memfile"), "dhcp4.lease-database is set by the chart");
        assertRefused(Map.of("control.userSecrets", "null"), "control.userSecrets is empty");
        assertRefused(Map.of("mode", "cluster", "leaseDatabase.type", "cql"), "contactPoints");
        assertRefused(Map.of("dhcp4", "null"), "dhcp4 and dhcp6 are both empty");
        assertRefused(Map.of("mode", "cluster", "leaseDatabase.host", "db", "server.kind", "DaemonSet", "server.interfaces[0]", "eth1",
                "networkPolicy.enabled", "true"), "networkPolicy.nodeCidrs is empty");
        assertRefused(Map.of("networkPolicy.nodeCidrs[0]", "not-a-cidr"), "nodeCidrs");
        assertRefused(Map.of("rateLimits.perClient", "10 per fortnight"), "perClient");
    }

    private static void assertRefused(Map<String, Object> sets, String named) {
        Exception e = assertThrows(Exception.class, () -> RenderedChart.render(null, sets), "refused: " + sets);
        assertTrue(e.getMessage().contains(named), "the refusal of " + sets + " names " + named + ": " + e.getMessage());
    }

    // --- what every Kakapo pod has

    private static void assertProbes(Container c) {
        assertProbe(c.getLivenessProbe(), "/livez");
        assertProbe(c.getStartupProbe(), "/livez");
        assertProbe(c.getReadinessProbe(), "/readyz");
    }

    private static void assertProbe(Probe probe, String path) {
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals("control", probe.getHttpGet().getPort().getStrVal(), "the probe asks the control API's port");
    }

    private static void assertConfigMounted(PodSpec pod, Container c) {
        assertEquals(FULLNAME + "-config", volume(pod, "config").getConfigMap().getName());
        assertEquals("/etc/kakapo", mount(c, "config").getMountPath());
        assertTrue(mount(c, "config").getReadOnly());
        assertEquals("/tmp", mount(c, "tmp").getMountPath(), "the root file system is read-only; the JVM writes /tmp");
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
    }

    private static void assertUnprivileged(PodSpec pod, Container c) {
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(10001L, pod.getSecurityContext().getRunAsUser());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertTrue(c.getSecurityContext().getCapabilities().getAdd() == null || c.getSecurityContext().getCapabilities().getAdd().isEmpty(),
                "nothing added on the pod network");
    }

    /** Each user's Secret is mounted where the configuration reads its name and password. */
    private static void assertControlUsers(RenderedChart chart, PodSpec pod, Container c, List<String> secrets) throws Exception {
        JsonNode clients = chart.config().at("/Kakapo/control/authentication/clients");
        assertEquals(secrets.size(), clients.size());
        assertEquals("0.0.0.0", chart.config().at("/Kakapo/control/address").asText(), "probes reach the pod's address");
        for (int i = 0; i < secrets.size(); i++) {
            Volume v = volume(pod, "control-user-" + i);
            assertEquals(secrets.get(i), v.getSecret().getSecretName());
            String dir = mount(c, v.getName()).getMountPath();
            assertEquals(dir + "/username", clients.get(i).get("user-file").asText());
            assertEquals(dir + "/password", clients.get(i).get("password-file").asText());
        }
    }

    private static Container container(PodSpec pod, String name) {
        return container(pod.getContainers(), name);
    }

    private static Container container(List<Container> containers, String name) {
        return containers.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no container " + name));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static VolumeMount mount(Container c, String volume) {
        return c.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " does not mount " + volume));
    }

    private static Map<String, String> ports(Container c) {
        return c.getPorts().stream().collect(Collectors.toMap(ContainerPort::getName, p -> p.getContainerPort() + "/" + p.getProtocol()));
    }

    private static Map<String, String> servicePorts(Service s) {
        return s.getSpec().getPorts().stream().collect(Collectors.toMap(ServicePort::getName,
                p -> p.getPort() + "/" + p.getProtocol() + "->" + p.getTargetPort().getStrVal()));
    }
}
