/** The planner's readers and its window scan. Not exported. */
@NullMarked
package dev.ergon.plan.internal;

import org.jspecify.annotations.NullMarked;
