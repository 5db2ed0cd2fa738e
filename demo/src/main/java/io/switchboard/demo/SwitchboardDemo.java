package io.switchboard.demo;

import io.switchboard.SwitchboardApplication;
import org.springframework.boot.SpringApplication;

/**
 * Entry point of {@code switchboard-demo.jar}: the Switchboard service with the {@code demo} profile on, so
 * {@link DemoTenant} starts an emulated tenant beside it. The production jar has neither this class nor the
 * emulator.
 */
public final class SwitchboardDemo {

    private SwitchboardDemo() {}

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SwitchboardApplication.class);
        application.setAdditionalProfiles("demo");
        application.run(args);
    }
}
