package org.dipwatch.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageAccessTest {

    private final PageAccess guarded = new PageAccess("s3cret");

    private String cookieOf(PageAccess access) {
        String header = access.signInCookie();
        return header.substring(0, header.indexOf(';'));
    }

    @Test
    void withoutATokenEveryoneMaySeeThePage() {
        PageAccess open = new PageAccess(" ");
        assertThat(open.guarded()).isFalse();
        assertThat(open.allows(null, null)).isTrue();
        assertThat(open.accepts("")).isFalse();
    }

    @Test
    void theBearerHeaderOrTheSignInCookieOpensIt() {
        assertThat(guarded.allows("Bearer s3cret", null)).isTrue();
        assertThat(guarded.allows("bearer  s3cret ", null)).isTrue();
        assertThat(guarded.allows(null, "a=b; " + cookieOf(guarded) + "; c=d")).isTrue();
        assertThat(guarded.allows(null, null)).isFalse();
        assertThat(guarded.allows("Bearer s3cre", null)).isFalse();
        assertThat(guarded.allows("s3cret", null)).isFalse();
        assertThat(guarded.allows(null, PageAccess.COOKIE + "=s3cret")).isFalse();
    }

    @Test
    void theCookieHoldsNoTokenAndIsWorthlessOnceTheTokenChanges() {
        assertThat(guarded.signInCookie()).doesNotContain("s3cret").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        assertThat(new PageAccess("s3cret").signInCookie()).isEqualTo(guarded.signInCookie());
        assertThat(new PageAccess("other").allows(null, cookieOf(guarded))).isFalse();
    }

    @Test
    void theFormAcceptsOnlyTheToken() {
        assertThat(guarded.accepts("s3cret")).isTrue();
        assertThat(guarded.accepts(" s3cret\n")).isTrue();
        assertThat(guarded.accepts("S3CRET")).isFalse();
        assertThat(guarded.accepts(null)).isFalse();
    }
}
