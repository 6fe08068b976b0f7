/**
 * The code examples of the library's javadoc, compiled: each javadoc example marked {@code <!--
 * snippet: NAME -->} is the region between {@code // [START NAME]} and {@code // [END NAME]} of a
 * class here (or of a test of this module), and {@code JavadocSnippetsTest} fails when they differ.
 * The classes build the objects the examples show and return them, so that unit tests can check
 * them.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.examples.snippets;

import javax.annotation.ParametersAreNonnullByDefault;
