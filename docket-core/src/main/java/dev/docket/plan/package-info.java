/**
 * Query planning: what each backend runs itself and what Docket trims afterwards. {@link
 * dev.docket.plan.QueryPlanner} relaxes a query to the narrowest superset a backend can evaluate
 * ({@link dev.docket.plan.Relaxation}, by the {@link dev.docket.plan.QueryFeature}s it has) and
 * keeps the whole query as the residual filter that makes every answer exact; {@link
 * dev.docket.plan.StenographerSyntax} says a query in Stenographer's dialect.
 */
@NullMarked
package dev.docket.plan;

import org.jspecify.annotations.NullMarked;
