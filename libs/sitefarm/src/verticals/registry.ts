// All verticals by name.
import type { Vertical } from '../types';
import { attractions } from './attractions';
import { compliance } from './compliance';
import { county } from './county';
import { fitness } from './fitness';
import type { VerticalModule } from './module';
import { products } from './products';
import { restaurant } from './restaurant';

export const VERTICAL_MODULES: Record<Vertical, VerticalModule> = { fitness, attractions, county, restaurant, products, compliance };
