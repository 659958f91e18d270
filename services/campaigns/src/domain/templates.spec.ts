import { ValidationError } from '@fieldwork/contracts';
import { checkColumns } from './columns';
import { campaignDecider } from './campaign.decider';
import { applyTemplate, TEMPLATES } from './templates';
import { decideContext, given } from './testing';

describe('template library', () => {
  it('has the templates users asked for, each valid, described and with starter instructions', () => {
    expect(TEMPLATES.map((template) => template.id)).toEqual([
      'competitor-price-comparison',
      'fitness-venue-pricing',
      'county-sheriff-coroner-contacts',
      'restaurant-pos-identification',
      'product-catalogue',
      'regulatory-compliance-fees',
    ]);
    for (const template of TEMPLATES) {
      expect(checkColumns(template.columns).issues).toEqual([]);
      for (const column of template.columns) expect(column.description.length).toBeGreaterThan(20);
      expect(template.instructions.promptText.length).toBeGreaterThan(100);
      const { details, instructions } = applyTemplate(template.id, {});
      const events = campaignDecider.decide({ kind: 'create', campaignId: 'c', details, templateId: template.id, instructions }, given(), decideContext());
      expect(events).toHaveLength(3);
    }
  });

  it('uses the column names of the site farm ground truth', () => {
    const columns = Object.fromEntries(TEMPLATES.map((template) => [template.id, template.columns.map((c) => `${c.name}:${c.type}`)]));
    expect(columns).toEqual({
      'competitor-price-comparison': ['attraction_name:text', 'adult_price:money', 'child_price:money', 'currency:text'],
      'fitness-venue-pricing': ['venue_name:text', 'drop_in_price:money', 'class_pack_price:money', 'phone:phone', 'city:text'],
      'county-sheriff-coroner-contacts': ['county_name:text', 'sheriff_name:text', 'sheriff_phone:phone', 'coroner_name:text', 'coroner_phone:phone'],
      'restaurant-pos-identification': ['restaurant_name:text', 'pos_system:enum'],
      'product-catalogue': ['product_name:text', 'price:money', 'sku:text', 'availability:boolean', 'brand:text'],
      'regulatory-compliance-fees': ['agency_name:text', 'effective_date:date', 'filing_fee:money'],
    });
    const pos = TEMPLATES.find((template) => template.id === 'restaurant-pos-identification')!.columns[1];
    expect(pos.enumValues).toEqual(['Toast', 'Square', 'Clover', 'Lightspeed', 'SpotOn', 'Revel', 'TouchBistro', 'Other']);
  });

  it("lets the caller's fields override the template's", () => {
    const { details, instructions } = applyTemplate('product-catalogue', { name: 'Shoes', instructions: { promptText: 'mine' } });
    expect(details.name).toBe('Shoes');
    expect(details.columns.map((c) => c.name)).toContain('sku');
    expect(instructions).toEqual({ promptText: 'mine' });
  });

  it('names the known templates when asked for an unknown one', () => {
    expect(() => applyTemplate('nope', {})).toThrow(ValidationError);
    expect(() => applyTemplate('nope', {})).toThrow(/unknown template "nope".*product-catalogue/);
  });
});
