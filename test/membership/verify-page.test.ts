/** The public verification page: escaped, styled only by its own stylesheet, and saying only the state and the union. */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { verifyPage, VERIFY_CSP } from '../../src/membership/public-view.ts';

describe('verification page', () => {
  test('escapes the union name', () => {
    const html = verifyPage({ state: 'valid', unionName: 'CĐCS <img src=x onerror=alert(1)> & "Co"' });
    expect(html).toContain('CĐCS &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;');
    expect(html).not.toContain('<img');
  });

  test('its inline stylesheet is exactly the one the CSP allows, and nothing else may load', () => {
    const html = verifyPage({ state: 'revoked', unionName: 'Công đoàn cơ sở A' });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(VERIFY_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(VERIFY_CSP).toMatch(/default-src 'none'/);
    expect(html).not.toMatch(/<script|\sstyle=/i);
  });

  test('says which state the card is in', () => {
    expect(verifyPage({ state: 'valid', unionName: 'X' })).toContain('Thẻ đoàn viên hợp lệ');
    expect(verifyPage({ state: 'revoked', unionName: 'X' })).toContain('Thẻ đã bị thu hồi');
    const unknown = verifyPage({ state: 'unknown', unionName: null });
    expect(unknown).toContain('Không tìm thấy thẻ');
    expect(unknown).not.toContain('Đơn vị công đoàn');
  });
});
