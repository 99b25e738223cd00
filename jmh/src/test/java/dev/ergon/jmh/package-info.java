/** Tests of {@code dev.ergon.jmh}. */
@NullMarked
package dev.ergon.jmh;

import org.jspecify.annotations.NullMarked;
