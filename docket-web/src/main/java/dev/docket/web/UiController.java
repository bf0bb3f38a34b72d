package dev.docket.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** The base path itself opens the UI's query page, so that the server's address is all a user needs. */
@Controller
final class UiController {
  private final String basePath;

  UiController(ServerSettings settings) {
    this.basePath = settings.basePath();
  }

  @Get
  public HttpResponse<?> home() {
    return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, JobLinks.under(basePath, "ui/"));
  }
}
