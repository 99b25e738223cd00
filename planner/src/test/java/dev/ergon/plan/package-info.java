/** Tests of the planner. */
@NullMarked
package dev.ergon.plan;

import org.jspecify.annotations.NullMarked;
