/*
 * forces.c - data.police.uk force slugs and names (see forces.h).
 */
#include "ingest/forces.h"

#include <string.h>

const struct police_force police_forces[] = {
    {"avon-and-somerset", "Avon and Somerset Constabulary"},
    {"bedfordshire", "Bedfordshire Police"},
    {"btp", "British Transport Police"},
    {"cambridgeshire", "Cambridgeshire Constabulary"},
    {"cheshire", "Cheshire Constabulary"},
    {"city-of-london", "City of London Police"},
    {"cleveland", "Cleveland Police"},
    {"cumbria", "Cumbria Constabulary"},
    {"derbyshire", "Derbyshire Constabulary"},
    {"devon-and-cornwall", "Devon & Cornwall Police"},
    {"dorset", "Dorset Police"},
    {"durham", "Durham Constabulary"},
    {"dyfed-powys", "Dyfed-Powys Police"},
    {"essex", "Essex Police"},
    {"gloucestershire", "Gloucestershire Constabulary"},
    {"greater-manchester", "Greater Manchester Police"},
    {"gwent", "Gwent Police"},
    {"hampshire", "Hampshire Constabulary"},
    {"hertfordshire", "Hertfordshire Constabulary"},
    {"humberside", "Humberside Police"},
    {"kent", "Kent Police"},
    {"lancashire", "Lancashire Constabulary"},
    {"leicestershire", "Leicestershire Police"},
    {"lincolnshire", "Lincolnshire Police"},
    {"merseyside", "Merseyside Police"},
    {"metropolitan", "Metropolitan Police Service"},
    {"norfolk", "Norfolk Constabulary"},
    {"north-wales", "North Wales Police"},
    {"north-yorkshire", "North Yorkshire Police"},
    {"northamptonshire", "Northamptonshire Police"},
    {"northern-ireland", "Police Service of Northern Ireland"},
    {"northumbria", "Northumbria Police"},
    {"nottinghamshire", "Nottinghamshire Police"},
    {"south-wales", "South Wales Police"},
    {"south-yorkshire", "South Yorkshire Police"},
    {"staffordshire", "Staffordshire Police"},
    {"suffolk", "Suffolk Constabulary"},
    {"surrey", "Surrey Police"},
    {"sussex", "Sussex Police"},
    {"thames-valley", "Thames Valley Police"},
    {"warwickshire", "Warwickshire Police"},
    {"west-mercia", "West Mercia Police"},
    {"west-midlands", "West Midlands Police"},
    {"west-yorkshire", "West Yorkshire Police"},
    {"wiltshire", "Wiltshire Police"},
};

const size_t police_forces_count = sizeof police_forces / sizeof police_forces[0];

const struct police_force *force_by_slug(const char *slug, size_t n)
{
    for (size_t i = 0; i < police_forces_count; i++)
        if (strlen(police_forces[i].slug) == n && memcmp(police_forces[i].slug, slug, n) == 0)
            return &police_forces[i];
    return NULL;
}

const struct police_force *force_by_name(const char *name, size_t n)
{
    for (size_t i = 0; i < police_forces_count; i++)
        if (strlen(police_forces[i].name) == n && memcmp(police_forces[i].name, name, n) == 0)
            return &police_forces[i];
    return NULL;
}
