package io.github.flinkkafkabridge.formats.registry;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * Where the Schema Registry is and how the registry formats use it. Immutable and serializable; the
 * password never appears in {@link #toString()} or in error messages.
 * <!-- snippet: schema-registry-config -->
 *
 * <pre>{@code
 * SchemaRegistryConfig registry =
 *         SchemaRegistryConfig.builder()
 *                 .setUrl("https://registry.example.com:8081")
 *                 .setBasicAuth("user", password)
 *                 .setAutoRegisterSchemas(true)
 *                 .build();
 * }</pre>
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setter</th><th>default</th></tr>
 *   <tr><td>{@code setUrl} (required unless {@code setClientFactory})</td><td>none</td></tr>
 *   <tr><td>{@code setBasicAuth}</td><td>no authentication</td></tr>
 *   <tr><td>{@code setRequestTimeout}</td><td>{@link #DEFAULT_REQUEST_TIMEOUT}</td></tr>
 *   <tr><td>{@code setCacheCapacity}</td><td>{@link #DEFAULT_CACHE_CAPACITY} schemas</td></tr>
 *   <tr><td>{@code setAutoRegisterSchemas}</td><td>false: serializers look their schema up and
 *       fail when it is not registered</td></tr>
 *   <tr><td>{@code setSubjectNameStrategy}</td><td>{@link SubjectNameStrategy#TOPIC}</td></tr>
 *   <tr><td>{@code setClientFactory}</td><td>a {@link CachingSchemaRegistryClient} for the
 *       URL</td></tr>
 * </table>
 */
public final class SchemaRegistryConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How long one registry request may take by default. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How many schemas (by id, and by subject) a client keeps by default; readers keep as many
     * parsed or compiled schemas.
     */
    public static final int DEFAULT_CACHE_CAPACITY = 1000;

    @Nullable private final String url;
    @Nullable private final String username;
    @Nullable private final String password;
    private final Duration requestTimeout;
    private final int cacheCapacity;
    private final boolean autoRegisterSchemas;
    private final SubjectNameStrategy subjectNameStrategy;
    @Nullable private final SchemaRegistryClientFactory clientFactory;

    private SchemaRegistryConfig(Builder b) {
        this.url = b.url;
        this.username = b.username;
        this.password = b.password;
        this.requestTimeout = b.requestTimeout;
        this.cacheCapacity = b.cacheCapacity;
        this.autoRegisterSchemas = b.autoRegisterSchemas;
        this.subjectNameStrategy = b.subjectNameStrategy;
        this.clientFactory = b.clientFactory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registry's base URL, or null when a client factory is set. */
    @Nullable
    public String url() {
        return url;
    }

    @Nullable
    String username() {
        return username;
    }

    @Nullable
    String password() {
        return password;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int cacheCapacity() {
        return cacheCapacity;
    }

    public boolean autoRegisterSchemas() {
        return autoRegisterSchemas;
    }

    public SubjectNameStrategy subjectNameStrategy() {
        return subjectNameStrategy;
    }

    /** A new client: from the factory when one is set, else over HTTP to the URL. */
    public SchemaRegistryClient createClient() {
        return clientFactory != null
                ? clientFactory.create()
                : new CachingSchemaRegistryClient(this);
    }

    @Override
    public String toString() {
        return "SchemaRegistryConfig{url="
                + url
                + (username == null ? "" : ", user=" + username + ", password=******")
                + ", autoRegisterSchemas="
                + autoRegisterSchemas
                + ", subjectNameStrategy="
                + subjectNameStrategy
                + (clientFactory == null ? "" : ", clientFactory=" + clientFactory)
                + "}";
    }

    /** Builds a {@link SchemaRegistryConfig}; setters work in any order. */
    public static final class Builder {
        @Nullable private String url;
        @Nullable private String username;
        @Nullable private String password;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int cacheCapacity = DEFAULT_CACHE_CAPACITY;
        private boolean autoRegisterSchemas;
        private SubjectNameStrategy subjectNameStrategy = SubjectNameStrategy.TOPIC;
        @Nullable private SchemaRegistryClientFactory clientFactory;

        private Builder() {}

        /** The registry's base URL, {@code http} or {@code https}, without credentials. */
        public Builder setUrl(String url) {
            URI uri;
            try {
                uri = URI.create(Objects.requireNonNull(url, "url"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid registry URL '" + url + "'", e);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException(
                        "Registry URL '" + url + "' must start with http:// or https://");
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException(
                        "Registry URL must not contain credentials; use setBasicAuth");
            }
            this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            return this;
        }

        /** HTTP basic authentication for every request. */
        public Builder setBasicAuth(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** How long one request may take; positive. */
        public Builder setRequestTimeout(Duration timeout) {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException(
                        "requestTimeout must be positive, got " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** How many schemas a client caches (least recently used go first); at least 1. */
        public Builder setCacheCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException(
                        "cacheCapacity must be at least 1, got " + capacity);
            }
            this.cacheCapacity = capacity;
            return this;
        }

        /** Whether serializers register their schema (true) or only look it up (false). */
        public Builder setAutoRegisterSchemas(boolean autoRegister) {
            this.autoRegisterSchemas = autoRegister;
            return this;
        }

        /** How serializers name the subject of their schema, for keys and values alike. */
        public Builder setSubjectNameStrategy(SubjectNameStrategy strategy) {
            this.subjectNameStrategy = Objects.requireNonNull(strategy, "subjectNameStrategy");
            return this;
        }

        /** A custom client (e.g. a fake in tests) instead of HTTP to {@code setUrl}. */
        public Builder setClientFactory(SchemaRegistryClientFactory factory) {
            this.clientFactory = Objects.requireNonNull(factory, "clientFactory");
            return this;
        }

        /**
         * @throws IllegalArgumentException naming every missing option
         */
        public SchemaRegistryConfig build() {
            List<String> problems = new ArrayList<>();
            if (url == null && clientFactory == null) {
                problems.add("url (setUrl) or clientFactory (setClientFactory)");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "missing required option(s): " + String.join(", ", problems));
            }
            return new SchemaRegistryConfig(this);
        }
    }
}
