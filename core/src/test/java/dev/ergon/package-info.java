/** Tests of the user API. */
@NullMarked
package dev.ergon;

import org.jspecify.annotations.NullMarked;
