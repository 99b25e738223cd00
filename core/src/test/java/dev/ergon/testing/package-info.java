/** Test fixtures shared through the core test-jar. */
@NullMarked
package dev.ergon.testing;

import org.jspecify.annotations.NullMarked;
