package com.licenceshop.provider.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void bracketedKeysNestAndIndexedOnesBecomeListsInIndexOrder() {
        Map<String, Object> form = FormBody.parse(
                "mode=payment&line_items[1][quantity]=2&line_items[0][quantity]=1"
                        + "&line_items[0][price_data][product_data][name]=Starter%20licence&metadata[order_id]=o-1&expand[]=a&expand[]=b");

        assertThat(form)
                .containsEntry("mode", "payment")
                .containsEntry("metadata", Map.of("order_id", "o-1"))
                .containsEntry("expand", List.of("a", "b"));
        assertThat((List<?>) form.get("line_items")).hasSize(2);
        assertThat(((Map<?, ?>) ((List<?>) form.get("line_items")).get(0)).get("price_data"))
                .isEqualTo(Map.of("product_data", Map.of("name", "Starter licence")));
        assertThat(((Map<?, ?>) ((List<?>) form.get("line_items")).get(1)).get("quantity"))
                .isEqualTo("2");
    }

    @Test
    void anEmptyOrMissingBodyIsAnEmptyForm() {
        assertThat(FormBody.parse(null)).isEmpty();
        assertThat(FormBody.parse("")).isEmpty();
    }
}
