/** Tests of the internals. */
@NullMarked
package dev.ergon.internal;

import org.jspecify.annotations.NullMarked;
