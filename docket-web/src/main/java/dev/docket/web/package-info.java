/**
 * Docket's web server: the REST API, the original Docket's routes and result downloads, on
 * Micronaut, over the job service and the front door. Controllers only translate HTTP into calls of
 * docket-core; every route needs a user of the htpasswd file.
 */
@NullMarked
package dev.docket.web;

import org.jspecify.annotations.NullMarked;
