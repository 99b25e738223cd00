/**
 * Ergon core internals. This package is internal and is hence not for public use; it is not exported.
 */
@NullMarked
package dev.ergon.internal;

import org.jspecify.annotations.NullMarked;
