/**
 * The commands of {@code ergon} and what they need: option parsing, the child process, the summary writers.
 *
 * <p>This package is internal and is hence not for public use.
 */
@NullMarked
package dev.ergon.cli.internal;

import org.jspecify.annotations.NullMarked;
