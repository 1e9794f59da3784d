import { Streami18n } from 'stream-chat-react';
import { describe, expect, it } from 'vitest';
import { callTranslations, registerCallTranslations } from '../../../src/react/i18n';
import { en } from '../../../src/react/i18n/en';
import { es } from '../../../src/react/i18n/es';

describe('registerCallTranslations', () => {
  it('keeps stream-chat-react strings and adds the kit strings', async () => {
    const i18n = registerCallTranslations(new Streami18n({ language: 'es' }));
    const { t } = await i18n.getTranslators();
    expect(t('Send')).toBe('Enviar');
    expect(t('Start video call')).toBe('Iniciar videollamada');
    expect(t('Missed call from {{ name }}', { name: 'Ana' })).toBe('Llamada perdida de Ana');
  });

  it("never replaces the app's own strings", async () => {
    const i18n = new Streami18n({
      language: 'en',
      translationsForLanguage: { Join: 'Hop in', 'Custom app key': 'mine' } as never,
    });
    registerCallTranslations(i18n);
    const { t } = await i18n.getTranslators();
    expect(t('Join')).toBe('Hop in');
    expect(t('Custom app key')).toBe('mine');
    expect(t('Start audio call')).toBe('Start audio call');
  });

  it('works on an instance that is already initialised', async () => {
    const i18n = new Streami18n({ language: 'es' });
    await i18n.getTranslators();
    registerCallTranslations(i18n);
    expect(i18n.t('Decline')).toBe('Rechazar');
    expect(i18n.t('Send')).toBe('Enviar');
  });

  it('translates plurals and switches language', async () => {
    const i18n = registerCallTranslations(new Streami18n({ language: 'en' }));
    const { t } = await i18n.getTranslators();
    expect(t('{{ count }} in the call', { count: 1 })).toBe('1 in the call');
    const tEs = await i18n.setLanguage('es');
    expect(tEs?.('{{ count }} in the call', { count: 1 })).toBe('1 persona en la llamada');
    expect(tEs?.('{{ count }} in the call', { count: 3 })).toBe('3 personas en la llamada');
  });

  it('ships a Spanish string for every English key', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(es)) expect(value, key).not.toBe('');
    expect(Object.keys(callTranslations)).toEqual(['en', 'es']);
  });

  it('ships every room and layout string in Spanish too', () => {
    expect(Object.keys(callTranslations.es!).sort()).toEqual(
      Object.keys(callTranslations.en!).sort(),
    );
    for (const [key, value] of Object.entries(callTranslations.es!))
      expect(value, key).not.toBe('');
    expect(callTranslations.es?.['Stop presenting']).toBe('Dejar de presentar');
  });

  it.each(Object.entries(en))('keeps the placeholders of %s in Spanish', (key, value) => {
    const vars = (s: string) => (s.match(/{{\s*\w+\s*}}/g) ?? []).sort();
    expect(vars(es[key as keyof typeof es])).toEqual(vars(value));
  });
});

describe('the kit’s strings', () => {
  it('has an English (and so a Spanish) entry for every literal key the components translate', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !dir.endsWith('i18n')) files.push(path);
      }
    };
    walk('src/react');
    const keys = new Set<string>();
    // t('Key'), t("Key's"), t('Key', { … }) — literal keys only (tables of keys are checked below).
    const call = /\bt\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g;
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(call))
        keys.add(m[2].replace(/\\'/g, "'"));
    }
    // Keys chosen from tables (OutgoingCall's outcomes, the card's ended lines).
    for (const key of [
      'No answer',
      '{{ name }} declined',
      '{{ name }} is in another call',
      'Missed call',
      'Declined',
      'Busy',
      'Cancelled',
      'Ringing…',
      'In another call',
    ]) {
      keys.add(key);
    }
    const all = callTranslations.en;
    const known = (key: string) => key in all || `${key}_one` in all;
    expect([...keys].filter((k) => !known(k))).toEqual([]);
    expect(keys.size).toBeGreaterThan(40);
  });
});
