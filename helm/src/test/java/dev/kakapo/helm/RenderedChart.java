package dev.kakapo.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The chart rendered by Helm's own template engine (no cluster needed) and read back into the
 * Kubernetes object model: every object must be a known kind, and a field the model does not know
 * (a misspelling, a wrong level of nesting) fails the read, naming where it is.
 */
final class RenderedChart {
    static final Path CHART = Path.of("kakapo").toAbsolutePath();
    static final String RELEASE = "dhcp";
    static final String NAMESPACE = "net";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    final String yaml;
    final List<HasMetadata> objects;

    private RenderedChart(String yaml, List<HasMetadata> objects) {
        this.yaml = yaml;
        this.objects = objects;
    }

    /** Renders with the values file of this name under src/test/resources/values (null: the chart's defaults) and {@code sets}. */
    static RenderedChart render(String valuesFile, Map<String, Object> sets) throws Exception {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template = template.withValuesFile(Path.of("src/test/resources/values", valuesFile).toAbsolutePath());
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        String yaml = template.call();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            KubernetesResource resource = YAML.readValue(document, KubernetesResource.class);
            if (!(resource instanceof HasMetadata object)) {
                throw new AssertionError("not a Kubernetes object the model knows: " + resource.getClass().getName() + "\n" + document);
            }
            String where = object.getKind() + "/" + object.getMetadata().getName();
            requireKnownFields(object, where);
            objects.add(object);
        }
        return new RenderedChart(yaml, objects);
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + kind.getSimpleName() + " " + name + " in:\n" + names()));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    boolean has(Class<? extends HasMetadata> kind, String name) {
        return all(kind).stream().anyMatch(o -> o.getMetadata().getName().equals(name));
    }

    List<String> names() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }

    /** The configuration every pod reads: kakapo.json of the release's ConfigMap. */
    JsonNode config() throws Exception {
        return JSON.readTree(configText());
    }

    String configText() {
        return get(ConfigMap.class, RELEASE + "-kakapo-config").getData().get("kakapo.json");
    }

    /**
     * Fails when the model kept a field it does not know: fabric8's classes collect those in
     * {@code additionalProperties} instead of refusing them.
     */
    private static void requireKnownFields(Object value, String where) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireKnownFields(list.get(i), where + "[" + i + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> requireKnownFields(v, where + "." + k));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    throw new AssertionError(where + " has fields the Kubernetes model does not know: " + unknown.keySet());
                }
                continue;
            }
            String name = getter.getName().substring(3);
            requireKnownFields(field, where + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1));
        }
    }
}
