/** Ergon. */
@NullMarked
package dev.ergon;

import org.jspecify.annotations.NullMarked;
