package dev.docket.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
final class DocketVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = DocketVersion.class.getPackage().getImplementationVersion();
    return new String[] {"docket " + (version == null ? "development" : version)};
  }
}
