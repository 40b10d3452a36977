package org.haipump.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged jar as {@link ProductionKeysResource} starts it, logging as much as an operator
 * could ask for: the service's DEBUG lines, the HTTP access log, JSON on the console and in the log
 * file.
 */
public class VerboseLogsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(new ProductionKeysResource().start());
        config.put("quarkus.log.category.\"org.haipump\".level", "DEBUG");
        config.put("quarkus.http.access-log.enabled", "true");
        config.put("quarkus.log.console.json.enabled", "true");
        config.put("quarkus.log.file.json.enabled", "true");
        return config;
    }

    @Override
    public void stop() {
    }
}
