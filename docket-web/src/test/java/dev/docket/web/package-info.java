@NullMarked
package dev.docket.web;

import org.jspecify.annotations.NullMarked;
