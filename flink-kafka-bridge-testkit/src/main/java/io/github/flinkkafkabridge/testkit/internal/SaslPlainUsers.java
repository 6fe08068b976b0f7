package io.github.flinkkafkabridge.testkit.internal;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The users of an embedded cluster whose client listener speaks {@code SASL_PLAINTEXT} with the
 * {@code PLAIN} mechanism: the caller's users plus the test kit's own admin user (random password),
 * which the broker uses for its own connections and the test kit for topic administration.
 * Immutable; {@link #toString()} names the users, never a password.
 */
public final class SaslPlainUsers {

    /** Name of the test kit's own user; callers cannot define it. */
    public static final String ADMIN_USER = "testkit-admin";

    /** The Kafka login module of the PLAIN mechanism. */
    static final String PLAIN_LOGIN_MODULE =
            "org.apache.kafka.common.security.plain.PlainLoginModule";

    /** User names become JAAS option keys ({@code user_<name>}), so they stay plain. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Map<String, String> users;
    private final String adminPassword;

    private SaslPlainUsers(Map<String, String> users, String adminPassword) {
        this.users = users;
        this.adminPassword = adminPassword;
    }

    /**
     * Checks and copies the users.
     *
     * @param users user name to password; may be empty (then only the admin user exists)
     * @throws NullPointerException if the map, a name or a password is null
     * @throws IllegalArgumentException if a name is blank, {@link #ADMIN_USER} or holds other
     *     characters than letters, digits, {@code .}, {@code _} and {@code -}, or a password holds
     *     a character JAAS cannot quote ({@code "}, {@code \}, a line break); the message names the
     *     user, never the password
     */
    public static SaslPlainUsers of(Map<String, String> users) {
        Objects.requireNonNull(users, "SASL users must not be null");
        Map<String, String> copy = new LinkedHashMap<>();
        users.forEach(
                (name, password) -> {
                    Objects.requireNonNull(name, "SASL user name must not be null");
                    Objects.requireNonNull(
                            password,
                            () -> "password of SASL user '" + name + "' must not be null");
                    if (name.isBlank()) {
                        throw new IllegalArgumentException("SASL user name must not be blank");
                    }
                    if (name.equals(ADMIN_USER)) {
                        throw new IllegalArgumentException(
                                "SASL user '"
                                        + ADMIN_USER
                                        + "' is reserved: the embedded cluster uses it for itself"
                                        + " and for clientProperties()");
                    }
                    if (!USER_NAME.matcher(name).matches()) {
                        throw new IllegalArgumentException(
                                "SASL user name '"
                                        + name
                                        + "' may only contain letters, digits, '.', '_' and '-'");
                    }
                    if (!quotable(password)) {
                        throw new IllegalArgumentException(
                                "password of SASL user '"
                                        + name
                                        + "' must not contain '\"', '\\' or a line break");
                    }
                    copy.put(name, password);
                });
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return new SaslPlainUsers(
                Collections.unmodifiableMap(copy), HexFormat.of().formatHex(random));
    }

    /**
     * The broker settings of a SASL_PLAINTEXT listener named {@code listenerName} that accepts
     * these users, and that the broker itself reaches as the admin user.
     */
    public Map<String, String> brokerProperties(String listenerName) {
        StringBuilder jaas =
                new StringBuilder(PLAIN_LOGIN_MODULE)
                        .append(" required username=\"")
                        .append(ADMIN_USER)
                        .append("\" password=\"")
                        .append(adminPassword)
                        .append('"');
        appendUser(jaas, ADMIN_USER, adminPassword);
        users.forEach((name, password) -> appendUser(jaas, name, password));
        jaas.append(';');
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sasl.enabled.mechanisms", "PLAIN");
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        props.put(
                "listener.name."
                        + listenerName.toLowerCase(Locale.ROOT)
                        + ".plain.sasl.jaas.config",
                jaas.toString());
        return props;
    }

    /** Client settings that log in as the admin user. */
    public Map<String, String> adminClientProperties() {
        return clientProperties(ADMIN_USER, adminPassword);
    }

    /**
     * Client settings ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config})
     * that log in as {@code user} with {@code password}, whether or not the broker knows them.
     */
    public static Map<String, String> clientProperties(String user, String password) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put(
                "sasl.jaas.config",
                PLAIN_LOGIN_MODULE
                        + " required username=\""
                        + user
                        + "\" password=\""
                        + password
                        + "\";");
        return props;
    }

    /** The caller's user names (the admin user left out). */
    public Set<String> userNames() {
        return Collections.unmodifiableSet(new TreeSet<>(users.keySet()));
    }

    private static void appendUser(StringBuilder jaas, String name, String password) {
        jaas.append(" user_").append(name).append("=\"").append(password).append('"');
    }

    private static boolean quotable(String value) {
        return value.indexOf('"') < 0
                && value.indexOf('\\') < 0
                && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0;
    }

    /** Names the users only; passwords never appear. */
    @Override
    public String toString() {
        return "SASL/PLAIN users " + userNames() + " plus " + ADMIN_USER;
    }
}
