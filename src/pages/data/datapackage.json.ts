/** data/datapackage.json: the Frictionless description of the exports (keys, Chinese labels, types, units). */
import type { APIRoute } from 'astro';
import { dataPackage } from '../../lib/exports/datapackage.ts';
import { site } from '../../site.config.ts';

export const GET: APIRoute = () => new Response(dataPackage(site.name), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
