/** Tests of the compare module. */
@NullMarked
package dev.ergon.compare;

import org.jspecify.annotations.NullMarked;
