/** Tests of the ergon command's internals, run in this JVM. */
@NullMarked
package dev.ergon.cli.internal;

import org.jspecify.annotations.NullMarked;
