/*
 * forces.c - data.police.uk force slugs and names, the Home Office's names for
 * them, and most similar groups (see forces.h).
 */
#include "model/forces.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

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

/* Home Office names that are not the slug with spaces for hyphens. */
static const struct {
    const char *name, *slug;
} home_office_names[] = {
    {"London, City of", "city-of-london"},      {"City of London", "city-of-london"},
    {"Metropolitan Police", "metropolitan"},    {"British Transport Police", "btp"},
    {"Devon & Cornwall", "devon-and-cornwall"}, /* as police.uk and some releases write it */
    {"Northern Ireland", "northern-ireland"},
};

const struct police_force *force_by_home_office_name(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof home_office_names / sizeof home_office_names[0]; i++)
        if (strlen(home_office_names[i].name) == n &&
            strncasecmp(home_office_names[i].name, name, n) == 0)
            return force_by_slug(home_office_names[i].slug, strlen(home_office_names[i].slug));
    /* otherwise the slug is the name in lower case, spaces as hyphens:
     * "Avon and Somerset", "Dyfed-Powys", "Thames Valley" */
    char slug[64];
    if (n == 0 || n >= sizeof slug)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c != ' ' && c != '-' && !isalpha(c))
            return NULL;
        slug[i] = c == ' ' ? '-' : (char)tolower(c);
    }
    return force_by_slug(slug, n);
}

const struct police_force *force_lookup(const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < police_forces_count; i++)
        if (strcasecmp(police_forces[i].slug, text) == 0 ||
            strcasecmp(police_forces[i].name, text) == 0)
            return &police_forces[i];
    return force_by_home_office_name(text, n);
}

bool force_is_territorial(const struct police_force *f)
{
    return f && strcmp(f->slug, "btp") != 0;
}

/* Leicestershire's most similar group as the Leicester, Leicestershire and
 * Rutland PCC's Annual Report 2021-22 lists it ("our most similar forces
 * group (Nottinghamshire, Essex, Hertfordshire, Hampshire, Bedfordshire,
 * Kent and Sussex)", in the crime statistics section). Add other forces'
 * groups here, with their source, when a report needs them. */
static const char *const leicestershire_similar[] = {
    "nottinghamshire", "essex", "hertfordshire", "hampshire", "bedfordshire", "kent", "sussex"};

static const struct similar_forces similar_groups[] = {
    {"leicestershire", leicestershire_similar,
     sizeof leicestershire_similar / sizeof leicestershire_similar[0],
     "Leicester, Leicestershire and Rutland PCC, Annual Report 2021-22"},
};

const struct similar_forces *force_similar(const char *slug)
{
    for (size_t i = 0; i < sizeof similar_groups / sizeof similar_groups[0]; i++)
        if (strcmp(similar_groups[i].slug, slug) == 0)
            return &similar_groups[i];
    return NULL;
}
