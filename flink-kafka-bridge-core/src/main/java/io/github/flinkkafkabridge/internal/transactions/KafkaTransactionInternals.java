package io.github.flinkkafkabridge.internal.transactions;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The one place where this library touches kafka-clients internals: reading a transactional
 * producer's producer id and epoch, and resuming a transaction that another producer instance
 * prepared so that it can be committed.
 *
 * <p><b>Why internals.</b> A two-phase-commit sink must commit, after a restart, a transaction an
 * earlier producer instance left open (the checkpoint completed but the commit never reached
 * Kafka). kafka-clients {@value #TESTED_VERSION} has no public API for that: {@code
 * KafkaProducer#initTransactions()} with the same {@code transactional.id} aborts the open
 * transaction instead, and KIP-939's producer methods ({@code initTransactions(boolean)}, {@code
 * completeTransaction}) are not public. KIP-939's internal path also needs the broker flag {@code
 * transaction.two.phase.commit.enable} plus an ACL, and its transactions never expire. The classic
 * path used here works on every broker: a fresh producer with the same {@code transactional.id} is
 * given the transaction's producer id and epoch and put into the in-transaction state, then {@link
 * KafkaProducer#commitTransaction()} sends the coordinator an {@code EndTxn(COMMIT)} for exactly
 * that producer id and epoch. The coordinator treats a repeated commit of a completed transaction
 * as success, so a re-commit after restore is idempotent.
 *
 * <p><b>What it touches</b> (all in {@code org.apache.kafka.clients.producer.internals
 * .TransactionManager}, reached through {@code KafkaProducer.transactionManager}): the fields
 * {@code producerIdAndEpoch}, {@code currentState}, {@code transactionStarted} and {@code
 * isTransactionV2Enabled} (so the commit uses the same transaction protocol version as the producer
 * that wrote the records). Nothing else is written.
 *
 * <p><b>Upgrades.</b> The members are looked up once, when this class loads; {@link
 * #checkSupported()} throws a message naming each missing member and the kafka-clients version, and
 * the sink's {@code EXACTLY_ONCE} writer and committer and the source's {@code EXACTLY_ONCE}
 * dead-letter writer call it when they start, so an incompatible kafka-clients fails at job start,
 * never at the first commit. {@code KafkaTransactionInternalsTest} and {@code
 * KafkaTransactionInternalsIT} fail when an upgrade breaks the assumptions.
 *
 * <p>Thread-safety: stateless; each call works on the given producer under its transaction
 * manager's lock.
 */
public final class KafkaTransactionInternals {

    /** The kafka-clients version this class was written and tested against. */
    public static final String TESTED_VERSION = "4.4.0";

    private static final Members MEMBERS = Members.lookUp();

    private KafkaTransactionInternals() {}

    /**
     * Throws when the running kafka-clients lacks a member this class needs.
     *
     * @throws IllegalStateException naming the missing members and the kafka-clients version
     */
    public static void checkSupported() {
        if (MEMBERS.problem != null) {
            throw new IllegalStateException(MEMBERS.problem);
        }
    }

    /** Whether {@link #checkSupported()} would pass. */
    public static boolean isSupported() {
        return MEMBERS.problem == null;
    }

    /**
     * The producer id, epoch and transaction protocol version the producer currently uses; read
     * after {@code initTransactions()} and before the transaction is handed to the committer.
     */
    public static ProducerSession session(KafkaProducer<?, ?> producer) {
        checkSupported();
        try {
            Object tm = MEMBERS.transactionManager.get(producer);
            synchronized (tm) {
                Object pidAndEpoch = MEMBERS.producerIdAndEpoch.get(tm);
                return new ProducerSession(
                        MEMBERS.producerId.getLong(pidAndEpoch),
                        MEMBERS.epoch.getShort(pidAndEpoch),
                        MEMBERS.transactionV2.getBoolean(tm));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read the producer's transaction state", e);
        }
    }

    /** The name of the producer's transaction state, e.g. {@code IN_TRANSACTION}. */
    public static String stateName(KafkaProducer<?, ?> producer) {
        checkSupported();
        try {
            Object tm = MEMBERS.transactionManager.get(producer);
            synchronized (tm) {
                return ((Enum<?>) MEMBERS.currentState.get(tm)).name();
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read the producer's transaction state", e);
        }
    }

    /**
     * Puts a new transactional producer (constructed, {@code initTransactions()} not called) into
     * the state of the open transaction identified by {@code session}, so that {@link
     * KafkaProducer#commitTransaction()} commits it. The producer must have the transaction's
     * {@code transactional.id}; it must not send records afterwards.
     *
     * @throws IllegalStateException if the producer was already initialized or used
     */
    public static void resume(KafkaProducer<?, ?> producer, ProducerSession session) {
        checkSupported();
        try {
            Object tm = MEMBERS.transactionManager.get(producer);
            if (tm == null || !(Boolean) MEMBERS.isTransactional.invoke(tm)) {
                throw new IllegalStateException(
                        "Cannot resume a transaction on a producer without transactional.id");
            }
            synchronized (tm) {
                Object state = MEMBERS.currentState.get(tm);
                if (!"UNINITIALIZED".equals(((Enum<?>) state).name())) {
                    throw new IllegalStateException(
                            "Cannot resume a transaction on a producer in state "
                                    + state
                                    + "; use a new producer");
                }
                MEMBERS.producerIdAndEpoch.set(
                        tm,
                        MEMBERS.producerIdAndEpochConstructor.newInstance(
                                session.producerId(), session.epoch()));
                MEMBERS.transactionV2.setBoolean(tm, session.transactionV2());
                MEMBERS.transactionStarted.setBoolean(tm, true);
                MEMBERS.currentState.set(tm, MEMBERS.inTransaction);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot resume Kafka transaction of producer id "
                            + session.producerId()
                            + " epoch "
                            + session.epoch()
                            + " with kafka-clients "
                            + clientsVersion(),
                    e);
        }
    }

    /** The version of the kafka-clients jar on the class path, or "unknown". */
    public static String clientsVersion() {
        try (InputStream in =
                KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in != null) {
                Properties props = new Properties();
                props.load(in);
                return props.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    /** Reflective handles, looked up once. */
    private static final class Members {
        @Nullable final String problem;
        Field transactionManager;
        Method isTransactional;
        Field producerIdAndEpoch;
        Field currentState;
        Field transactionStarted;
        Field transactionV2;
        Field producerId;
        Field epoch;
        Constructor<?> producerIdAndEpochConstructor;
        Object inTransaction;

        private Members(List<String> missing) {
            this.problem =
                    missing.isEmpty()
                            ? null
                            : "EXACTLY_ONCE needs kafka-clients internals that this kafka-clients"
                                    + " version ("
                                    + clientsVersion()
                                    + ") does not have: "
                                    + String.join(", ", missing)
                                    + ". The sink was tested with kafka-clients "
                                    + TESTED_VERSION
                                    + "; use that version, or AT_LEAST_ONCE.";
        }

        static Members lookUp() {
            List<String> missing = new ArrayList<>();
            Members m;
            try {
                Field tmField = field(KafkaProducer.class, "transactionManager", missing);
                Class<?> tmClass = tmField == null ? null : tmField.getType();
                Method transactional = null;
                if (tmClass != null) {
                    try {
                        transactional = tmClass.getMethod("isTransactional");
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        missing.add(tmClass.getName() + ".isTransactional()");
                    }
                }
                Field pidEpoch = field(tmClass, "producerIdAndEpoch", missing);
                Field state = field(tmClass, "currentState", missing);
                Field started = field(tmClass, "transactionStarted", missing);
                Field tv2 = field(tmClass, "isTransactionV2Enabled", missing);
                Class<?> pidEpochClass = pidEpoch == null ? null : pidEpoch.getType();
                Field pid = field(pidEpochClass, "producerId", missing);
                Field ep = field(pidEpochClass, "epoch", missing);
                Constructor<?> ctor = null;
                if (pidEpochClass != null) {
                    try {
                        ctor = pidEpochClass.getDeclaredConstructor(long.class, short.class);
                        ctor.setAccessible(true);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        missing.add(pidEpochClass.getName() + "(long, short)");
                    }
                }
                Object inTxn = null;
                if (state != null) {
                    inTxn = enumConstant(state.getType(), "IN_TRANSACTION", missing);
                    enumConstant(state.getType(), "UNINITIALIZED", missing);
                }
                requireType(started, boolean.class, missing);
                requireType(tv2, boolean.class, missing);
                requireType(pid, long.class, missing);
                requireType(ep, short.class, missing);
                m = new Members(missing);
                m.transactionManager = tmField;
                m.isTransactional = transactional;
                m.producerIdAndEpoch = pidEpoch;
                m.currentState = state;
                m.transactionStarted = started;
                m.transactionV2 = tv2;
                m.producerId = pid;
                m.epoch = ep;
                m.producerIdAndEpochConstructor = ctor;
                m.inTransaction = inTxn;
            } catch (RuntimeException | LinkageError e) {
                missing.add("(lookup failed: " + e + ")");
                m = new Members(missing);
            }
            return m;
        }

        @Nullable
        private static Field field(@Nullable Class<?> owner, String name, List<String> missing) {
            if (owner == null) {
                return null;
            }
            try {
                Field f = owner.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (ReflectiveOperationException | RuntimeException e) {
                missing.add(owner.getName() + "." + name);
                return null;
            }
        }

        @Nullable
        private static Object enumConstant(Class<?> type, String name, List<String> missing) {
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(name)) {
                        return constant;
                    }
                }
            }
            missing.add(type.getName() + "." + name);
            return null;
        }

        private static void requireType(
                @Nullable Field field, Class<?> type, List<String> missing) {
            if (field != null && field.getType() != type) {
                missing.add(
                        field.getDeclaringClass().getName()
                                + "."
                                + field.getName()
                                + " of type "
                                + type);
            }
        }
    }
}
