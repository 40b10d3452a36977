package org.haipump.minimal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One entity, so that Hibernate ORM boots as it does in the service. */
@Entity
@Table(name = "item")
public class Item extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;
}
