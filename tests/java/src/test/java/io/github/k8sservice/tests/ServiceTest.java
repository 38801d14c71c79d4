package io.github.k8sservice.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import io.github.k8sservice.k8sservice.Service;
import io.github.k8sservice.k8sservice.ServiceArgs;
import io.github.k8sservice.k8sservice.inputs.PreDeployArgs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generated Java SDK under Pulumi's mocks: what reaches the engine, by schema name. */
class ServiceTest {
    private final List<Mocks.ResourceArgs> registered = new CopyOnWriteArrayList<>();

    private final Mocks mocks = args -> {
        registered.add(args);
        return CompletableFuture.completedFuture(Mocks.ResourceResult.of(Optional.of(args.name + "-id"), args.inputs));
    };

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void serviceRegistersItsTokenAndInputs() {
        var result = PulumiTest.withMocks(mocks).runTest(ctx -> {
            var svc = new Service("api", ServiceArgs.builder()
                    .image("ghcr.io/acme/api")
                    .tag(Output.of("1.4.2"))
                    .port(Map.of("http", 8080))
                    .minContainers(2)
                    .priorityClassName(Output.of("critical"))
                    .preDeploy(PreDeployArgs.builder().commands("/app/migrate").build())
                    .build());
            ctx.export("url", svc.internalUrl());
        });
        assertEquals(0, result.exitCode(), () -> "errors: " + result.errors() + " " + result.exceptions());
        var component = registered.stream().filter(r -> r.type.equals("k8s-service:index:Service")).findFirst();
        assertTrue(component.isPresent(), "k8s-service:index:Service was not registered: " + registered);
        var inputs = component.get().inputs;
        assertEquals("ghcr.io/acme/api", inputs.get("image"));
        assertEquals("1.4.2", inputs.get("tag"));
        assertEquals("critical", inputs.get("priorityClassName"));
        assertNotNull(inputs.get("port"), "port: " + inputs);
        assertEquals(8080, ((Number) ((Map<?, ?>) inputs.get("port")).get("http")).intValue());
        assertEquals(List.of("/app/migrate"), ((Map<?, ?>) inputs.get("preDeploy")).get("commands"));
    }

    @Test
    void cloudVariantsRegisterTheirTokens() {
        var result = PulumiTest.withMocks(mocks).runTest(ctx -> {
            new io.github.k8sservice.k8sservice.aws.Service("eks", io.github.k8sservice.k8sservice.aws.ServiceArgs.builder()
                    .image("AUTO").tag("v1").namespace("shop")
                    .oidcProviderArn("arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X")
                    .oidcIssuerUrl("https://oidc.eks.us-east-1.amazonaws.com/id/X")
                    .cloudSecrets(io.github.k8sservice.k8sservice.aws.inputs.CloudSecretArgs.builder()
                            .arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf").env("DB_PASSWORD").build())
                    .build());
            new io.github.k8sservice.k8sservice.gcp.Service("gke", io.github.k8sservice.k8sservice.gcp.ServiceArgs.builder()
                    .image("nginx").project("acme").namespace("shop").build());
            new io.github.k8sservice.k8sservice.azure.Service("aks", io.github.k8sservice.k8sservice.azure.ServiceArgs.builder()
                    .image("nginx").resourceGroupName("rg").build());
        });
        assertEquals(0, result.exitCode(), () -> "errors: " + result.errors() + " " + result.exceptions());
        for (var token : List.of("k8s-service:aws:Service", "k8s-service:gcp:Service", "k8s-service:azure:Service")) {
            assertTrue(registered.stream().anyMatch(r -> r.type.equals(token)), token + " was not registered");
        }
        var eks = registered.stream().filter(r -> r.type.equals("k8s-service:aws:Service")).findFirst().get().inputs;
        assertEquals(List.of(Map.of("arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "env", "DB_PASSWORD")),
                eks.get("cloudSecrets"));
    }
}
