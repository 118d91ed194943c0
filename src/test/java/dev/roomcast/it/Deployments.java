package dev.roomcast.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR under test is the one the build produced, and it is reached on 127.0.0.1 only. */
public final class Deployments {

  private Deployments() {}

  /** target/roomcast.war exactly as `mvn package` built it. */
  public static WebArchive builtWar() {
    File war = new File("target/roomcast.war");
    if (!war.isFile()) {
      throw new IllegalStateException("target/roomcast.war is missing; run through `mvn verify`");
    }
    return ShrinkWrap.create(ZipImporter.class, "roomcast.war")
        .importFrom(war)
        .as(WebArchive.class);
  }

  /**
   * The deployment's base URI with the host forced to 127.0.0.1: Arquillian reports the machine's
   * host name, and tests must never send traffic to another interface.
   */
  public static URI loopback(URL deployment) {
    String path =
        deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/";
    return URI.create("http://127.0.0.1:" + deployment.getPort() + path);
  }
}
