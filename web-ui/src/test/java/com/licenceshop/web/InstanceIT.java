package com.licenceshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.servicedefaults.InstanceId;
import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which web-ui instance answered: anonymous GET /instance, and X-Instance-Id on every page, refusals included. */
@WebUiIT
class InstanceIT extends AgainstTheTestShop {

    @Inject
    InstanceId instance;

    @Inject
    JsonMapper json;

    @Test
    void anyoneCanAskWhichInstanceAnsweredWithoutALogin() throws Exception {
        Visitor.Page answer = shop.visitor().getJson("/instance");

        assertThat(answer.status()).isEqualTo(200);
        Map<String, Object> body = json.readValue(answer.body(), Argument.mapOf(String.class, Object.class));
        assertThat(body)
                .containsEntry("service", "web-ui")
                .containsEntry(
                        "instance",
                        ProcessHandle.current().pid() + "@"
                                + instance.instance().split("@", 2)[1])
                .containsEntry("tag", instance.tag())
                .containsKey("startedAt");
    }

    @Test
    void everyResponseNamesTheInstanceByItsTagNotItsPid() {
        Visitor anonymous = shop.visitor();

        assertThat(anonymous.get("/").header("X-Instance-Id"))
                .isEqualTo(instance.tag())
                .doesNotContain(String.valueOf(ProcessHandle.current().pid()));
        Visitor.Page toLogin = anonymous.get("/ops");
        assertThat(toLogin.status()).isBetween(300, 399);
        assertThat(toLogin.header("X-Instance-Id")).isEqualTo(instance.tag());
        Visitor.Page refused = anonymous.getJson("/ops/rebuild/progress");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("X-Instance-Id")).isEqualTo(instance.tag());
    }
}
