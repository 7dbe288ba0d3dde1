package com.licenceshop.projector;

import com.licenceshop.projector.rebuild.RebuildCommand;
import com.licenceshop.servicedefaults.ServiceLaunch;
import java.util.Map;

/**
 * {@code java -jar sales-projector-…-runner.jar} runs the service; with {@code rebuild} it rebuilds the read model
 * from the event feed and exits.
 */
public class Application {

    public static void main(String[] args) {
        if (args.length > 0 && RebuildCommand.NAME.equals(args[0])) {
            System.exit(RebuildCommand.run(Map.of()));
        }
        ServiceLaunch.start(Application.class, args);
    }
}
